package org.downtimebacklog.database;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import java.util.Set;

/**
 * Keeps two known, harmless warnings of a landed migration out of the log, so that a first start shows only what
 * needs attention. {@code db/V5__create_outage_tally.sql} selects the literal {@code 'status'} beside the column
 * {@code status} (and {@code 'ward'} beside {@code ward}) and groups by the name; MariaDB warns that the name is
 * ambiguous and groups by the column, which is what was meant (the tally tests recount and compare). A landed
 * migration is never edited, so the warning would otherwise print on every new database. Any other database
 * warning during a migration is logged as usual.
 */
public final class KnownMigrationWarnings extends Filter<ILoggingEvent> {

    private static final String EXECUTOR = "org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor";
    private static final Set<String> KNOWN = Set.of(
            "DB: Column 'status' in GROUP BY is ambiguous (SQL State: 23000 - Error Code: 1052)",
            "DB: Column 'ward' in GROUP BY is ambiguous (SQL State: 23000 - Error Code: 1052)");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return EXECUTOR.equals(event.getLoggerName()) && KNOWN.contains(event.getFormattedMessage())
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
