package org.downtimebacklog.custody;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id printed on a downtime sheet: {@code S-<site>-<serial>-<check>}, for example {@code S-RGH-0000081-X}.
 * <ul>
 *   <li>{@code site}: the site code without its dashes and underscores ({@code WARD-B} reads {@code WARDB}), so that
 *   the id is read as four parts separated by dashes;</li>
 *   <li>{@code serial}: a number unique across all sheets, in Crockford's base 32 (digits and capital letters
 *   without I, L, O and U), always seven characters, padded with zeros. It is the pack's number times 256 plus the
 *   sheet's place in its pack (so packs up to number 2<sup>27</sup> - 1, some 134 million). Its fixed width means a
 *   dash typed one place off never reads as another site;</li>
 *   <li>{@code check}: one character by ISO/IEC 7064 MOD 37,36 (the hybrid system over the 36 digits and capital
 *   letters) over the site and the serial written together ({@code RGH0000081}). Any one character typed wrong gives an
 *   id that fails the check, and so do most pairs of neighbours swapped.</li>
 * </ul>
 */
public final class SheetId {

    /** Digits and capital letters: the characters the check covers, by their value (0 to 35). */
    private static final String CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int SERIAL_WIDTH = 7;
    private static final Pattern FORM =
            Pattern.compile("S-([A-Z0-9]{1,32})-([0-9A-HJKMNP-TV-Z]{" + SERIAL_WIDTH + "})-([0-9A-Z])");
    /** The first pack number whose serials would not fit the width. */
    static final long PACKS = 1L << (5 * SERIAL_WIDTH - 8);
    /** The most sheets one pack may hold: a sheet's place in its pack is the serial's lowest eight bits. */
    static final int PER_PACK = 255;

    private SheetId() {
    }

    /** The id of the sheet at {@code place} (from 1) in pack {@code packId} of {@code site}. */
    static String of(String site, long packId, int place) {
        if (place < 1 || place > PER_PACK) {
            throw new IllegalArgumentException("a pack holds sheets 1 to " + PER_PACK);
        }
        if (packId < 1 || packId >= PACKS) {
            throw new IllegalArgumentException("pack numbers run from 1 to " + (PACKS - 1));
        }
        String code = site.replace("-", "").replace("_", "");
        String serial = serial(packId * 256 + place);
        return "S-" + code + "-" + serial + "-" + checkCharacter(code + serial);
    }

    /** An id as a person may type it: surrounding blanks dropped, letters in capitals. */
    public static String normalise(String typed) {
        return typed.strip().toUpperCase(Locale.ROOT);
    }

    /** A site's code as sheet ids carry it: without its dashes and underscores, in capitals. */
    static String siteCode(String site) {
        return site.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
    }

    /** The site code a well-formed sheet id carries. */
    static String siteCodeOf(String id) {
        Matcher parts = FORM.matcher(id);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not a sheet id");
        }
        return parts.group(1);
    }

    /** Whether the text has the form of a sheet id, whatever its check character. */
    public static boolean isWellFormed(String id) {
        return FORM.matcher(id).matches();
    }

    /** Whether the text is a sheet id (in capitals) whose check character matches the rest. */
    public static boolean isValid(String id) {
        Matcher parts = FORM.matcher(id);
        return parts.matches() && checkCharacter(parts.group(1) + parts.group(2)) == parts.group(3).charAt(0);
    }

    /** ISO/IEC 7064 MOD 37,36 check character of digits and capital letters. */
    static char checkCharacter(String payload) {
        int product = 36;
        for (int i = 0; i < payload.length(); i++) {
            int value = CHARACTERS.indexOf(payload.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("only digits and capital letters are checked");
            }
            int sum = (product + value) % 36;
            product = (sum == 0 ? 36 : sum) * 2 % 37;
        }
        return CHARACTERS.charAt((37 - product) % 36);
    }

    private static String serial(long number) {
        StringBuilder digits = new StringBuilder();
        long rest = number;
        do {
            digits.append(CROCKFORD.charAt((int) (rest % 32)));
            rest /= 32;
        } while (rest > 0);
        while (digits.length() < SERIAL_WIDTH) {
            digits.append('0');
        }
        return digits.reverse().toString();
    }
}
