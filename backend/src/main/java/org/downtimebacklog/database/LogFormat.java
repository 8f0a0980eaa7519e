package org.downtimebacklog.database;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender write only when its format is the one chosen with {@code BACKLOG_LOG_FORMAT} (PLAIN or JSON), so
 * that both appenders can stay attached and the configuration reads the same whichever is chosen.
 */
public final class LogFormat extends Filter<ILoggingEvent> {

    private String format = "PLAIN";
    private String selected = "PLAIN";

    public void setFormat(String format) {
        this.format = format;
    }

    public void setSelected(String selected) {
        this.selected = selected;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return format.equalsIgnoreCase(selected.trim()) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
