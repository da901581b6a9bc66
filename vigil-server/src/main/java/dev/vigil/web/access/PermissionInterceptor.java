package dev.vigil.web.access;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Guard;
import dev.vigil.access.PublicEndpoint;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.Subject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Enforces {@link RequiresPermission} and {@link PublicEndpoint} on every handler, and refuses
 * (403) any handler that declares neither: access is closed by default.
 */
class PermissionInterceptor implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);

  private final CurrentUser currentUser;
  private final ApiAuthResponses responses;

  PermissionInterceptor(CurrentUser currentUser, ApiAuthResponses responses) {
    this.currentUser = currentUser;
    this.responses = responses;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (handler instanceof ResourceHttpRequestHandler) {
      return true;
    }
    if (!(handler instanceof HandlerMethod method)) {
      return refuse(request, response, handler, "is not a controller method");
    }
    if (Guard.isFramework(method)) {
      return true;
    }
    Guard guard = Guard.of(method);
    if (guard == null) {
      return refuse(
          request, response, method, "has neither @RequiresPermission nor @PublicEndpoint");
    }
    return check(guard, request, response);
  }

  private boolean refuse(
      HttpServletRequest request, HttpServletResponse response, Object handler, String why)
      throws IOException {
    log.error(
        "Refused {} {}: handler {} {}", request.getMethod(), request.getRequestURI(), handler, why);
    return deny(request, response);
  }

  private boolean check(Guard guard, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!guard.needsSignIn()) {
      return true;
    }
    Optional<Subject> subject = currentUser.subject();
    if (subject.isEmpty()) {
      return unauthenticated(request, response);
    }
    if (guard.isPublic()) {
      return true;
    }
    RequiresPermission needed = guard.permission();
    return subject.get().allows(needed.value(), needed.level()) || deny(request, response);
  }

  private boolean unauthenticated(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (isApi(request)) {
      responses.unauthorized(response);
    } else {
      response.sendRedirect(request.getContextPath() + "/login");
    }
    return false;
  }

  private boolean deny(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (isApi(request)) {
      responses.forbidden(response);
    } else {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "You may not open this page");
    }
    return false;
  }

  static boolean isApi(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/") || path.startsWith("/oauth/");
  }
}
