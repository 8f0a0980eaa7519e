package org.downtimebacklog.custody;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.FreeText;

/** Why a sheet is marked missing or voided. */
@Serdeable
public record SheetReasonRequest(@NotBlank @Size(max = 500) @FreeText String reason) {
}
