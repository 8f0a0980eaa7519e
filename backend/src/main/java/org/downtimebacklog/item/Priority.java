package org.downtimebacklog.item;

/**
 * An item's clinical priority when computed: a score, the band it falls in (1 = P1, most urgent), the reasons in
 * words, and its rank in the queue's order within the band (see {@link PriorityPolicy#rank}).
 */
public record Priority(int score, int band, String reasons, long rank) {

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
