package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** Who the item is about. An NHS number or a local (hospital) identifier is required. */
@Introspected
public record PatientRequest(
        @Nullable @Size(max = 20) String nhsNumber,
        @Nullable @Size(min = 1, max = 32) @Pattern(regexp = "^[A-Za-z0-9/_.-]+$",
                message = "must be letters, digits, '/', '_', '.' or '-'") String localId,
        @Nullable @Size(max = 200) String name,
        @Nullable @PastOrPresent LocalDate dateOfBirth) {
}
