package org.downtimebacklog.exchange;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The file's first rows as the mapping reads them, each with what importing it would do: STORE it, find it
 * ALREADY_IMPORTED (by an earlier file, or an earlier run of this one), skip it as REPEATED_IN_FILE, or refuse it
 * (REFUSED) for the problems given. Nothing is stored.
 */
@Serdeable
public record ImportPreview(int totalRows, List<Row> rows) {

    public enum Verdict {
        STORE, ALREADY_IMPORTED, REPEATED_IN_FILE, REFUSED
    }

    /** A row by its number as a spreadsheet shows it (the header is row 1), its values by item field. */
    @Serdeable
    public record Row(int row, Verdict verdict, List<ImportProblem> problems, Map<String, String> values) {
    }
}
