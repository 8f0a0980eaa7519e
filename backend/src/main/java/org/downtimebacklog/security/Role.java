package org.downtimebacklog.security;

/** What a user may do. A user has one or more. */
public enum Role {
    CLERK,
    TEAM_LEAD,
    ADMIN,
    AUDITOR;

    public static final String CLERK_NAME = "CLERK";
    public static final String TEAM_LEAD_NAME = "TEAM_LEAD";
    public static final String ADMIN_NAME = "ADMIN";
    public static final String AUDITOR_NAME = "AUDITOR";
}
