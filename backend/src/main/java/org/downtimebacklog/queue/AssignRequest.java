package org.downtimebacklog.queue;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A team lead gives READY items to a person. */
@Introspected
public record AssignRequest(@NotEmpty @Size(max = 500) List<@NotNull Long> ids, @NotBlank @Size(max = 64) String assignee) {
}
