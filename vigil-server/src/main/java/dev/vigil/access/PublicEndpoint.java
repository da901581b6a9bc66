package dev.vigil.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler open without a permission (login page, {@code /oauth/token}, ping). {@code
 * authenticated} true still needs a logged-in user, with no particular permission.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PublicEndpoint {
  boolean authenticated() default false;
}
