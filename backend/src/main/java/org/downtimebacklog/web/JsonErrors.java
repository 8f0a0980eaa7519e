package org.downtimebacklog.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Names the field a JSON decoding error is about, as a path such as {@code patient.dateOfBirth} or {@code sites[0]}. */
final class JsonErrors {

    private JsonErrors() {
    }

    static Violation violation(JsonMappingException e) {
        String field = path(e);
        if (e instanceof UnrecognizedPropertyException) {
            return new Violation(field, "is not a known field");
        }
        if (e instanceof PlainText.ControlCharacters) {
            return new Violation(field, PlainText.MESSAGE);
        }
        return new Violation(field, "has the wrong type or format");
    }

    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
