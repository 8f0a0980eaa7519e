package org.downtimebacklog.exchange;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A file about to be uploaded into an outage: its name as the person's computer calls it, and its size in bytes. */
@Serdeable
public record ImportCreateRequest(@NotNull Long outageId,
                                  @NotBlank @Size(max = 200) String fileName,
                                  @NotNull @Min(1) @Max(ItemImportService.MAX_FILE_BYTES) Long size) {
}
