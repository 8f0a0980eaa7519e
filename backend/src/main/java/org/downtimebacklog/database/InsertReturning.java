package org.downtimebacklog.database;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the database returns the rows a multi-row insert made ({@code INSERT ... RETURNING}): MariaDB does from
 * 10.5; MySQL 8 does not, and there the service inserts rows one at a time to read back each generated id.
 * {@code backlog.database.insert-returning} ({@code BACKLOG_DB_INSERT_RETURNING}) false turns it off everywhere, for a
 * proxy in front of the database that does not pass those rows back. Asked of the server the first time it is needed.
 */
@Singleton
public class InsertReturning {

    private static final Pattern MARIADB = Pattern.compile("^(?:5\\.5\\.5-)?(\\d+)\\.(\\d+)\\..*MariaDB.*");

    private final JdbcOperations jdbc;
    private final boolean allowed;
    private volatile Boolean supported;

    InsertReturning(JdbcOperations jdbc, @Value("${backlog.database.insert-returning:true}") boolean allowed) {
        this.jdbc = jdbc;
        this.allowed = allowed;
    }

    /** Whether inserts may read their rows back with RETURNING; asks the server once, within a transaction. */
    public boolean available() {
        if (!allowed) {
            return false;
        }
        Boolean known = supported;
        if (known == null) {
            try {
                known = understood(jdbc.getConnection().getMetaData().getDatabaseProductVersion());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the database server's version", e);
            }
            supported = known;
        }
        return known;
    }

    /**
     * Whether a server of this version (as the driver reports it: {@code 11.4.5-MariaDB}, a MariaDB 10's
     * {@code 5.5.5-10.6.12-MariaDB}, MySQL's {@code 8.0.36}) understands RETURNING on an insert.
     */
    static boolean understood(String version) {
        Matcher m = MARIADB.matcher(version);
        if (!m.matches()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 10 || major == 10 && minor >= 5;
    }
}
