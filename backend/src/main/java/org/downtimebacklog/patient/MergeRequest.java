package org.downtimebacklog.patient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.FreeText;

/** Who the temporary identity turned out to be: an NHS number or a local id (exactly one), and why. */
@Serdeable
public record MergeRequest(
        @Nullable @Size(max = 20) String nhsNumber,
        @Nullable @Size(max = 32) String localId,
        @Nullable @Size(max = 500) @FreeText String reason) {
}
