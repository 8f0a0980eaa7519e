package org.downtimebacklog.database;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method (on a class: each of its methods) is called again, up to three times in all, when a clash with another
 * transaction stopped its work: a deadlock, a lock wait that timed out, or on a Galera cluster a certification
 * conflict at commit (another node committed a change to the same rows first). The database rolled the whole
 * transaction back, so nothing of the stopped attempt was stored, and the next attempt reads everything afresh. Meant
 * for controllers, which call a transactional service method: inside an open transaction the clash is passed on
 * unchanged, to whoever opened it. A clash that outlasts the attempts is answered 503 with Retry-After
 * ({@code web.UnexpectedErrorHandler}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Around
public @interface RetriedOnClash {
}
