package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Text;
import org.downtimebacklog.web.Violation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Who an item is about, as stored: the NHS number as ten digits, or a local (hospital) identifier, or both. */
@Embeddable
public record Patient(
        @MappedProperty("nhs_number") @Nullable String nhsNumber,
        @MappedProperty("local_id") @Nullable String localId,
        @MappedProperty("patient_name") @Nullable String name,
        @MappedProperty("date_of_birth") @Nullable LocalDate dateOfBirth) {

    /** A date of birth before this is a typing error. */
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

    /**
     * The patient a request describes, normalised (NHS number to its ten digits, blanks to null); 422 naming the
     * field under {@code path} when the NHS number is malformed or fails its check digit, or when neither identifier
     * is given.
     */
    public static Patient from(PatientRequest patient, String path) {
        List<Violation> violations = new ArrayList<>();
        String nhs = null;
        if (patient.nhsNumber() != null && !patient.nhsNumber().isBlank()) {
            nhs = NhsNumber.digitsOf(patient.nhsNumber());
            if (nhs == null) {
                violations.add(new Violation(path + ".nhsNumber", "must be 10 digits (spaces or dashes allowed)"));
            } else if (!NhsNumber.isValid(nhs)) {
                violations.add(new Violation(path + ".nhsNumber", "is not a valid NHS number (check digit does not match)"));
                nhs = null;
            }
        }
        if (patient.dateOfBirth() != null && patient.dateOfBirth().isBefore(EARLIEST_BIRTH)) {
            violations.add(new Violation(path + ".dateOfBirth", "must not be before " + EARLIEST_BIRTH));
        }
        String localId = Text.blankToNull(patient.localId());
        if (nhs == null && localId == null && violations.isEmpty()) {
            violations.add(new Violation(path, "needs an nhsNumber or a localId"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Patient(nhs, localId, Text.blankToNull(patient.name()), patient.dateOfBirth());
    }

    /** The patient as a list shows it: "NHS *** *** 5919" or "Local ***123". */
    String masked() {
        return nhsNumber != null ? "NHS " + NhsNumber.masked(nhsNumber)
                : "Local ***" + localId.substring(Math.max(0, localId.length() - 3));
    }
}
