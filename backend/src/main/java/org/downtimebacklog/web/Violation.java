package org.downtimebacklog.web;

import io.micronaut.core.annotation.Introspected;

/** One bad field in a request: its JSON path and what is wrong with it. */
@Introspected
public record Violation(String field, String message) {
}
