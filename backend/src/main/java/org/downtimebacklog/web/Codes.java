package org.downtimebacklog.web;

/** Formats of the codes that requests carry. */
public final class Codes {

    /** A site code such as {@code RGH} or {@code WARD-B}. */
    public static final String SITE = "^[A-Z0-9][A-Z0-9_-]{0,31}$";
    /** A site code, or {@code *} for every site (user accounts only). */
    public static final String SITE_OR_ALL = "^(\\*|[A-Z0-9][A-Z0-9_-]{0,31})$";
    /** A clinical system code such as {@code EHR}, {@code EMAR}, {@code LIMS}. */
    public static final String SYSTEM = "^[A-Z][A-Z0-9_-]{0,31}$";
    public static final String SITE_MESSAGE = "must be a site code of capital letters, digits, '-' or '_' (at most 32)";
    public static final String SYSTEM_MESSAGE = "must be a system code of capital letters, digits, '-' or '_' (at most 32), starting with a letter";

    private Codes() {
    }
}
