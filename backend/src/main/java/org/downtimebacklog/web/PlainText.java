package org.downtimebacklog.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;

/**
 * Reads the text fields of request bodies: a control character (NUL, escape, DEL, the C1 range...) is refused with a
 * 400 naming the field, except tab, newline and carriage return in {@link FreeText} fields. Text read outside a field
 * (a whole value, the values of a free-form map) is passed through as it is.
 */
final class PlainText extends StdScalarDeserializer<String> implements ContextualDeserializer {

    static final String MESSAGE = "must not contain control characters";

    private enum Rule { ANY, FREE_TEXT, ONE_LINE }

    private final Rule rule;

    PlainText() {
        this(Rule.ANY);
    }

    private PlainText(Rule rule) {
        super(String.class);
        this.rule = rule;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
        if (property == null) {
            return this;
        }
        return new PlainText(property.getAnnotation(FreeText.class) != null ? Rule.FREE_TEXT : Rule.ONE_LINE);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = StringDeserializer.instance.deserialize(p, ctxt);
        if (text != null && rule != Rule.ANY && !allowed(text, rule == Rule.FREE_TEXT)) {
            throw new ControlCharacters(p, text);
        }
        return text;
    }

    static boolean allowed(String text, boolean freeText) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && !(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
                return false;
            }
        }
        return true;
    }

    /** The field held a control character it may not. */
    static final class ControlCharacters extends InvalidFormatException {
        ControlCharacters(JsonParser p, String value) {
            super(p, MESSAGE, value, String.class);
        }
    }
}
