package org.downtimebacklog.item;

/** An item's clinical priority: a score, the band it falls in (1 = P1, most urgent) and the reasons in words. */
public record Priority(int score, int band, String reasons) {

    /** P1 to P4. */
    public static String bandName(int band) {
        return "P" + band;
    }

    static int parseBand(String name) {
        if (name != null && name.matches("^P[1-4]$")) {
            return name.charAt(1) - '0';
        }
        return 0;
    }
}
