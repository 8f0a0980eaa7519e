package org.downtimebacklog.exchange;

import java.util.List;

/** What importing a row did: stored it, found it stored before, or refused it (with the problems). */
record RowOutcome(RowMapper.Mapped row, Kind kind, List<ImportProblem> problems) {

    enum Kind { STORED, ALREADY, REFUSED }

    static RowOutcome refused(RowMapper.Mapped row, List<ImportProblem> problems) {
        return new RowOutcome(row, Kind.REFUSED, problems);
    }
}
