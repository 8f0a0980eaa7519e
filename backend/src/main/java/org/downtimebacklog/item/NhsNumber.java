package org.downtimebacklog.item;

/**
 * NHS numbers: ten digits, the last a Modulus 11 check digit. Input may group the digits with spaces or dashes
 * (943 476 5919, 943-476-5919); they are stored as the ten digits.
 */
final class NhsNumber {

    private static final int[] WEIGHTS = {10, 9, 8, 7, 6, 5, 4, 3, 2};

    private NhsNumber() {
    }

    /** The ten digits with separators removed, or null if the input holds anything but digits, spaces and dashes. */
    static String digitsOf(String input) {
        String digits = input.replaceAll("[\\s-]", "");
        return digits.matches("\\d{10}") ? digits : null;
    }

    static boolean isValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (tenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == tenDigits.charAt(9) - '0';
    }

    /** The NHS's test numbers, 999 000 0000 to 999 999 9999: never a real patient's. */
    static boolean isTestRange(String tenDigits) {
        return tenDigits.startsWith("999");
    }

    /** 3-3-4 with the first six digits hidden, for lists: "*** *** 5919". */
    static String masked(String tenDigits) {
        return "*** *** " + tenDigits.substring(6);
    }
}
