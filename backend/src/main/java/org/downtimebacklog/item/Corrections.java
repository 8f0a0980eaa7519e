package org.downtimebacklog.item;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.web.BadJson;
import org.downtimebacklog.web.FreeText;
import org.downtimebacklog.web.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a correction (the body of PATCH /api/items/{id}): any of the captured fields and a {@code reason}. A field
 * left out, or null, stays as it is; an empty text clears an optional one; {@code patient} replaces the whole block.
 * The result is checked by the same rules as a new item ({@link CapturedFields}), so the rules are written once.
 */
@Singleton
class Corrections {

    /** Why the correction was made (optional). */
    @Introspected
    record Reason(@Nullable @Size(max = 500) @FreeText String reason) {
    }

    /** The captured fields after the correction, normalised, and the reason given. */
    record Correction(CapturedFields fields, @Nullable String reason) {
    }

    private final JsonMapper json;
    private final Validator validator;

    Corrections(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    Correction apply(CapturedFields current, Map<String, Object> body) {
        if (body.containsKey("outageId")) {
            throw InvalidInputException.badRequest("outageId", "is not a known field");
        }
        Map<String, Object> reasonOnly = new LinkedHashMap<>();
        reasonOnly.put("reason", body.get("reason"));
        Reason reason = checked(read(reasonOnly, Reason.class));
        Map<String, Object> merged = read(current, Argument.mapOf(String.class, Object.class));
        body.forEach((field, value) -> {
            if (value != null && !field.equals("reason")) {
                merged.put(field, value);
            }
        });
        CapturedFields fields = checked(read(merged, Argument.of(CapturedFields.class)));
        return new Correction(fields.normalised(), reason.reason() == null || reason.reason().isBlank()
                ? null : reason.reason().strip());
    }

    private <T> T checked(T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return value;
    }

    private <T> T read(Object source, Class<T> type) {
        return read(source, Argument.of(type));
    }

    /** The value as JSON read back as the type, by the same strict rules as a request body. */
    private <T> T read(Object source, Argument<T> type) {
        try {
            return json.readValue(json.writeValueAsBytes(source), type);
        } catch (JsonProcessingException e) {
            throw BadJson.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
