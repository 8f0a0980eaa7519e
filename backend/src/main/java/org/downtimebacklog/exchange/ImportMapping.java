package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.Violation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a spreadsheet's columns fill an item: {@code columns} maps a header to the field it fills (headers left out are
 * not imported), {@code values} gives a fixed value for a field the file lacks (every row of a pharmacy sheet goes to
 * EMAR, say), and {@code keyColumn} optionally names a column that identifies a row, by which a later file with the
 * same row is recognised; without one a row is recognised by its content.
 */
@Serdeable
@Schema(description = "Fields: " + "site, ward, category, targetSystem, patient.nhsNumber, patient.localId, patient.name, "
        + "patient.dateOfBirth, occurredAt, recordedBy, recordedByRole, witnessedBy, paperReference, summary, details, "
        + "highRisk, patientStatus")
public record ImportMapping(@NotNull @Size(max = 200) Map<String, String> columns,
                           @Nullable @Size(max = 20) Map<String, String> values,
                           @Nullable @Size(max = 200) String keyColumn) {

    /** The fixed values, never null. */
    Map<String, String> fixed() {
        return values == null ? Map.of() : values;
    }

    /** What is wrong with this mapping for a file with these headers, each under {@code mapping.…}. */
    List<Violation> problems(List<String> headers) {
        List<Violation> problems = new ArrayList<>();
        Map<ImportField, String> filledBy = new HashMap<>();
        columns.forEach((header, path) -> {
            String at = "mapping.columns." + header;
            if (!headers.contains(header)) {
                problems.add(new Violation(at, "is not a column of the file"));
            }
            ImportField field = ImportField.byPath(path).orElse(null);
            if (field == null) {
                problems.add(new Violation(at, "'" + path + "' is not a field; one of " + ImportField.paths()));
            } else if (filledBy.containsKey(field)) {
                problems.add(new Violation(at, field.path + " is already filled by column " + filledBy.get(field)));
            } else {
                filledBy.put(field, header);
            }
        });
        fixed().forEach((path, value) -> {
            String at = "mapping.values." + path;
            ImportField field = ImportField.byPath(path).orElse(null);
            if (field == null) {
                problems.add(new Violation(at, "is not a field; one of " + ImportField.paths()));
            } else if (filledBy.containsKey(field)) {
                problems.add(new Violation(at, "is also filled by column " + filledBy.get(field)));
            } else if (value == null || value.isBlank()) {
                problems.add(new Violation(at, "must not be blank"));
            } else if (value.length() > 4000) {
                problems.add(new Violation(at, "must be at most 4000 characters"));
            } else {
                filledBy.put(field, null);
            }
        });
        for (ImportField field : ImportField.values()) {
            if (field.required && !filledBy.containsKey(field)) {
                problems.add(new Violation("mapping." + field.path, "needs a column or a fixed value"));
            }
        }
        if (!filledBy.containsKey(ImportField.NHS_NUMBER) && !filledBy.containsKey(ImportField.LOCAL_ID)) {
            problems.add(new Violation("mapping.patient", "needs a column or a fixed value for patient.nhsNumber or patient.localId"));
        }
        if (keyColumn != null && !headers.contains(keyColumn)) {
            problems.add(new Violation("mapping.keyColumn", "is not a column of the file"));
        }
        return problems;
    }

    /** The column that fills each field (absent: a fixed value or nothing). */
    Map<ImportField, String> columnOf() {
        Map<ImportField, String> found = new HashMap<>();
        columns.forEach((header, path) -> ImportField.byPath(path).ifPresent(f -> found.put(f, header)));
        return found;
    }

    /**
     * A mapping for these headers: each header to the field it most plainly names, no field twice. Fields left
     * unfilled need a fixed value from the person importing.
     */
    static ImportMapping suggest(List<String> headers) {
        Map<String, String> columns = new LinkedHashMap<>();
        List<ImportField> taken = new ArrayList<>();
        record Match(String header, ImportField field, int score) {
        }
        List<Match> matches = new ArrayList<>();
        for (String header : headers) {
            for (ImportField field : ImportField.values()) {
                int score = field.match(header);
                if (score > 0) {
                    matches.add(new Match(header, field, score));
                }
            }
        }
        matches.sort((a, b) -> Integer.compare(b.score(), a.score()));
        for (Match m : matches) {
            if (!columns.containsKey(m.header()) && !taken.contains(m.field())) {
                columns.put(m.header(), m.field().path);
                taken.add(m.field());
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        headers.stream().filter(columns::containsKey).forEach(h -> ordered.put(h, columns.get(h)));
        return new ImportMapping(ordered, Map.of(), null);
    }
}
