package org.downtimebacklog.duplicate;

import org.downtimebacklog.item.Patient;
import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.item.Category;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The patient's identifiers only, as a search needs them: an NHS number or a local identifier, as in capture. */
@Introspected
public record PatientIdRequest(
        @Nullable @Size(max = 20) String nhsNumber,
        @Nullable @Size(min = 1, max = 32) @Pattern(regexp = "^[A-Za-z0-9/_.-]+$",
                message = "must be letters, digits, '/', '_', '.' or '-'") String localId) {

    Patient asPatient() {
        return new Patient(nhsNumber, localId, null, null);
    }
}
