package dev.vigil.access;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/** What a handler declares it needs: a permission level, or public (maybe signed in). */
public record Guard(
    @Nullable RequiresPermission permission, @Nullable PublicEndpoint publicEndpoint) {

  /** The handler's guard, method annotations first, then its class; null when it has none. */
  public static @Nullable Guard of(HandlerMethod handler) {
    Guard onMethod =
        of(
            handler.getMethodAnnotation(RequiresPermission.class),
            handler.getMethodAnnotation(PublicEndpoint.class));
    if (onMethod != null) {
      return onMethod;
    }
    Class<?> type = handler.getBeanType();
    return of(
        AnnotatedElementUtils.findMergedAnnotation(type, RequiresPermission.class),
        AnnotatedElementUtils.findMergedAnnotation(type, PublicEndpoint.class));
  }

  private static @Nullable Guard of(
      @Nullable RequiresPermission permission, @Nullable PublicEndpoint publicEndpoint) {
    if (permission != null) {
      return new Guard(permission, null);
    }
    return publicEndpoint == null ? null : new Guard(null, publicEndpoint);
  }

  public boolean isPublic() {
    return publicEndpoint != null;
  }

  public boolean needsSignIn() {
    if (permission != null) {
      return true;
    }
    if (publicEndpoint == null) {
      throw new IllegalStateException("a guard with neither a permission nor a public endpoint");
    }
    return publicEndpoint.authenticated();
  }

  /** True for Spring's own handlers (the error controller), which the filter chain guards. */
  public static boolean isFramework(HandlerMethod handler) {
    String type = handler.getBeanType().getName();
    return type.startsWith("org.springframework.") || type.startsWith("org.springdoc.");
  }
}
