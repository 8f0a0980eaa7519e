package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Many items to log at once (a device's outbox after a shift offline), each with the Idempotency-Key made when it was
 * captured. The items' own fields are checked one by one, so that a bad item is answered on its own.
 */
@Introspected
public record ItemBatchRequest(@NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull @Valid Entry> items) {

    /** Items per request: 100 items of usual size stay well under the service's 256 KiB request limit. */
    public static final int MAX_ITEMS = 100;

    /** One item and its key: 1 to 128 visible ASCII characters, made once per item on the client. */
    @Introspected
    public record Entry(
            @NotNull @Pattern(regexp = KEY, message = "must be 1 to 128 visible ASCII characters") String idempotencyKey,
            @NotNull CapturedFields item) {
    }

    static final String KEY = "^[\\x21-\\x7E]{1,128}$";
}
