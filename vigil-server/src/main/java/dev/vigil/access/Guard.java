package dev.vigil.access;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/** What a handler declares it needs: a permission level, or public (maybe signed in). */
public record Guard(RequiresPermission permission, PublicEndpoint publicEndpoint) {

  /** The handler's guard, method annotations first, then its class; null when it has none. */
  public static Guard of(HandlerMethod handler) {
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

  private static Guard of(RequiresPermission permission, PublicEndpoint publicEndpoint) {
    if (permission != null) {
      return new Guard(permission, null);
    }
    return publicEndpoint == null ? null : new Guard(null, publicEndpoint);
  }

  public boolean isPublic() {
    return publicEndpoint != null;
  }

  public boolean needsSignIn() {
    return permission != null || publicEndpoint.authenticated();
  }

  /** True for Spring's own handlers (the error controller), which the filter chain guards. */
  public static boolean isFramework(HandlerMethod handler) {
    String type = handler.getBeanType().getName();
    return type.startsWith("org.springframework.") || type.startsWith("org.springdoc.");
  }
}
