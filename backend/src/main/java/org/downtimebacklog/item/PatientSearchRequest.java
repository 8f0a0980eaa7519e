package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A search for a patient's items: the identifier travels in the body, never in a URL (which proxies and load
 * balancers log). {@code patient} is matched as an NHS number (any grouping) and as a local identifier.
 */
@Introspected
public record PatientSearchRequest(
        @NotBlank @Size(max = 32) String patient,
        @Nullable Long outageId,
        @Nullable @Min(0) @Max(100000) Integer page,
        @Nullable @Size(max = 600) String cursor,
        @Nullable @Min(1) @Max(ItemService.MAX_PAGE_SIZE) Integer size) {
}
