package org.downtimebacklog.report;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.FreeText;

import java.util.List;

/**
 * A team lead's sign-off of an outage as reconciled: an optional statement, and a reason for each exception the report
 * lists (each item still open, by its reference, for example ITM-000042).
 */
@Introspected
public record SignOffRequest(
        @Nullable @FreeText @Size(max = 2000) String statement,
        @Nullable @Size(max = 5000) List<@NotNull @Valid ExceptionReason> exceptions) {

    /** One exception of the report, named by its reference, and why the outage is signed off with it. */
    @Introspected
    public record ExceptionReason(@Nullable @Size(max = 64) String ref,
                                  @Nullable @FreeText @Size(max = 500) String reason) {
    }

    List<ExceptionReason> exceptionsOrEmpty() {
        return exceptions == null ? List.of() : exceptions;
    }
}
