package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.downtimebacklog.item.CapturedFields;
import org.downtimebacklog.item.CareRole;
import org.downtimebacklog.item.Category;
import org.downtimebacklog.item.Patient;
import org.downtimebacklog.item.PatientStatus;
import org.downtimebacklog.web.ConstraintViolationHandler;
import org.downtimebacklog.web.Violation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a file's rows into items as its mapping says: each cell (or fixed value) read into its field, the item
 * checked by the same bean-validation rules as {@code POST /api/items}, every problem named by the file's column, and
 * the row's identity (its key column, or else its content).
 */
final class RowMapper {

    private static final List<DateTimeFormatter> LOCAL_TIMES = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss][.SSS]").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d/M/uuuu H:mm[:ss]").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("d.M.uuuu H:mm[:ss]").withResolverStyle(ResolverStyle.STRICT));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT), DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT));
    private static final String TIME_FORMS = "must be a date and time such as 2026-12-06 14:30, 06/12/2026 14:30 "
            + "(hospital time) or 2026-12-06T14:30:00Z";

    /** A row read: its values by field (as the file had them), the item it makes if nothing is wrong, its identity. */
    record Mapped(CsvFile.Row row, Map<ImportField, String> values, @Nullable CapturedFields fields,
                  List<ImportProblem> problems, @Nullable String key) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final long outageId;
    private final ImportMapping mapping;
    private final Map<ImportField, Integer> columnIndex = new EnumMap<>(ImportField.class);
    private final Map<ImportField, String> columnName;
    private final int keyIndex;
    private final ZoneId zone;
    private final Validator validator;

    RowMapper(long outageId, ImportMapping mapping, List<String> headers, ZoneId zone, Validator validator) {
        this.outageId = outageId;
        this.mapping = mapping;
        this.columnName = mapping.columnOf();
        columnName.forEach((field, header) -> columnIndex.put(field, headers.indexOf(header)));
        this.keyIndex = mapping.keyColumn() == null ? -1 : headers.indexOf(mapping.keyColumn());
        this.zone = zone;
        this.validator = validator;
    }

    /** The fixed values that cannot be read into their fields, each under {@code mapping.values.…}. */
    List<Violation> fixedValueProblems() {
        List<ImportProblem> problems = new ArrayList<>();
        Fields fields = new Fields(problems);
        mapping.fixed().forEach((path, value) -> ImportField.byPath(path).ifPresent(f -> fields.read(f, value.strip())));
        return problems.stream().map(p -> new Violation("mapping.values." + p.field(), p.message())).toList();
    }

    Mapped map(CsvFile.Row row) {
        Map<ImportField, String> values = new EnumMap<>(ImportField.class);
        for (ImportField field : ImportField.values()) {
            Integer index = columnIndex.get(field);
            String raw = index != null ? row.cell(index) : mapping.fixed().get(field.path);
            if (raw != null && !raw.isBlank()) {
                values.put(field, raw.strip());
            }
        }
        List<ImportProblem> problems = new ArrayList<>();
        Fields read = new Fields(problems);
        values.forEach(read::read);
        CapturedFields fields = read.captured();
        for (ConstraintViolation<CapturedFields> violation : validator.validate(fields)) {
            String path = ConstraintViolationHandler.fieldOf(violation);
            if (problems.stream().noneMatch(p -> p.field().equals(path))) {
                problems.add(problem(path, violation.getMessage()));
            }
        }
        String key = null;
        if (keyIndex >= 0) {
            String cell = row.cell(keyIndex).strip();
            if (cell.isEmpty()) {
                problems.add(new ImportProblem(mapping.keyColumn(), "keyColumn", "is empty; every row needs its key"));
            } else {
                key = "k:" + sha256(cell);
            }
        } else {
            StringBuilder content = new StringBuilder();
            values.forEach((field, value) -> content.append(field.path).append('\u001F').append(value).append('\u001E'));
            key = "c:" + sha256(content.toString());
        }
        problems.sort((a, b) -> a.field().compareTo(b.field()));
        return new Mapped(row, values, problems.isEmpty() ? fields : null, problems, key);
    }

    /** A problem with a field, named by the column that fills it (null when a fixed value does). */
    ImportProblem problem(String field, String message) {
        ImportField f = ImportField.byPath(field).orElse(null);
        String column = f == null ? null : columnName.get(f);
        if (column == null && field.equals("patient")) {
            column = columnName.getOrDefault(ImportField.NHS_NUMBER, columnName.get(ImportField.LOCAL_ID));
        }
        if (field.equals("keyColumn")) {
            column = mapping.keyColumn();
        }
        return new ImportProblem(column, field, message);
    }

    /** The typed values of one row, read field by field; what cannot be read is a problem and stays null. */
    private final class Fields {
        private final List<ImportProblem> problems;
        private final Map<ImportField, Object> typed = new EnumMap<>(ImportField.class);

        Fields(List<ImportProblem> problems) {
            this.problems = problems;
        }

        void read(ImportField field, String value) {
            try {
                typed.put(field, switch (field) {
                    case CATEGORY -> named(Category.class, value);
                    case PATIENT_STATUS -> named(PatientStatus.class, value);
                    case RECORDED_BY_ROLE -> named(CareRole.class, value);
                    case HIGH_RISK -> yesNo(value);
                    case OCCURRED_AT -> instant(value);
                    case DATE_OF_BIRTH -> date(value);
                    default -> value;
                });
            } catch (IllegalArgumentException e) {
                problems.add(problem(field.path, e.getMessage()));
            }
        }

        CapturedFields captured() {
            return new CapturedFields(outageId, text(ImportField.SITE), text(ImportField.WARD),
                    (Category) typed.get(ImportField.CATEGORY), text(ImportField.TARGET_SYSTEM),
                    new Patient(text(ImportField.NHS_NUMBER), text(ImportField.LOCAL_ID), text(ImportField.PATIENT_NAME),
                            (LocalDate) typed.get(ImportField.DATE_OF_BIRTH)),
                    (Instant) typed.get(ImportField.OCCURRED_AT), text(ImportField.RECORDED_BY),
                    (CareRole) typed.get(ImportField.RECORDED_BY_ROLE), text(ImportField.WITNESSED_BY),
                    text(ImportField.PAPER_REFERENCE), null, text(ImportField.SUMMARY), text(ImportField.DETAILS),
                    (Boolean) typed.get(ImportField.HIGH_RISK), (PatientStatus) typed.get(ImportField.PATIENT_STATUS));
        }

        private String text(ImportField field) {
            return (String) typed.get(field);
        }
    }

    private static <E extends Enum<E>> E named(Class<E> type, String value) {
        String name = value.toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.toString(type.getEnumConstants()));
    }

    private static Boolean yesNo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1" -> true;
            case "no", "n", "false", "0" -> false;
            default -> throw new IllegalArgumentException("must be yes or no (or true or false)");
        };
    }

    private Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // not a time with an offset: a local time at the hospital
        }
        for (DateTimeFormatter format : LOCAL_TIMES) {
            try {
                return LocalDateTime.parse(value, format).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new IllegalArgumentException(TIME_FORMS);
    }

    private static LocalDate date(String value) {
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new IllegalArgumentException("must be a date such as 1990-04-01 or 01/04/1990");
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of these bytes, in hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
