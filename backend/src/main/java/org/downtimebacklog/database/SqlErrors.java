package org.downtimebacklog.database;

import io.micronaut.core.annotation.Nullable;

import java.sql.SQLException;

/**
 * What a database error was, in words fit for the log: its SQL state and vendor code, never its message (which may
 * quote the values of a row, and so patient details).
 */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** The SQL state of the first SQLException in the chain, or null when there is none. */
    public static @Nullable String sqlState(Throwable error) {
        SQLException sql = first(error);
        return sql == null ? null : sql.getSQLState();
    }

    /** For the log: "SQL state 40001, error 1213" for a database error, else the exception's class. */
    public static String describe(Throwable error) {
        SQLException sql = first(error);
        if (sql == null) {
            return error.getClass().getSimpleName();
        }
        return "SQL state " + sql.getSQLState() + ", error " + sql.getErrorCode();
    }

    private static @Nullable SQLException first(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
