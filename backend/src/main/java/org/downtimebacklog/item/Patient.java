package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Text;
import org.downtimebacklog.web.Violation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Who an item is about: an NHS number or a local (hospital) identifier is required. As a request gives it, the NHS
 * number may be grouped with spaces or dashes; as stored it is ten digits.
 */
@Embeddable
public record Patient(
        @MappedProperty("nhs_number") @Nullable @Size(max = 20) String nhsNumber,
        @MappedProperty("local_id") @Nullable @Size(min = 1, max = 32) @Pattern(regexp = "^[A-Za-z0-9/_.-]+$",
                message = "must be letters, digits, '/', '_', '.' or '-'") String localId,
        @MappedProperty("patient_name") @Nullable @Size(max = 200) String name,
        @MappedProperty("date_of_birth") @Nullable @PastOrPresent LocalDate dateOfBirth) {

    /** A date of birth before this is a typing error. */
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

    /**
     * The patient as stored: the NHS number as its ten digits, blanks as null. 422 naming the field under
     * {@code path} when the NHS number is malformed or fails its check digit, when the date of birth is before 1880,
     * or when neither identifier is given.
     */
    public Patient normalised(String path) {
        List<Violation> violations = new ArrayList<>();
        String nhs = null;
        if (nhsNumber != null && !nhsNumber.isBlank()) {
            nhs = NhsNumber.digitsOf(nhsNumber);
            if (nhs == null) {
                violations.add(new Violation(path + ".nhsNumber", "must be 10 digits (spaces or dashes allowed)"));
            } else if (!NhsNumber.isValid(nhs)) {
                violations.add(new Violation(path + ".nhsNumber", "is not a valid NHS number (check digit does not match)"));
                nhs = null;
            }
        }
        if (dateOfBirth != null && dateOfBirth.isBefore(EARLIEST_BIRTH)) {
            violations.add(new Violation(path + ".dateOfBirth", "must not be before " + EARLIEST_BIRTH));
        }
        String local = Text.blankToNull(localId);
        if (nhs == null && local == null && violations.isEmpty()) {
            violations.add(new Violation(path, "needs an nhsNumber or a localId"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Patient(nhs, local, Text.blankToNull(name), dateOfBirth);
    }

    /**
     * The patient as a list shows it: "NHS *** *** 5919" or "Local ***123"; "Removed" once retention has removed the
     * patient's details.
     */
    public String masked() {
        if (nhsNumber == null && localId == null) {
            return "Removed";
        }
        return nhsNumber != null ? "NHS " + NhsNumber.masked(nhsNumber)
                : "Local ***" + localId.substring(Math.max(0, localId.length() - 3));
    }
}
