package org.downtimebacklog.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request field of free text (a summary, details, notes, a reason, a password), where tab, newline and carriage
 * return are allowed. Every other text field takes no control characters at all (see {@link PlainText}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface FreeText {
}
