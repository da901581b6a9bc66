package dev.vigil.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The Morpheus error shape for {@code /api/...} requests that reach no controller: an unknown path
 * (404) or a method the path does not take (405). {@link ApiExceptionHandler} only sees requests a
 * controller took; without this, such requests got Spring Boot's own error body. Any other path is
 * left to the default handling (the exception is rethrown, which means "not handled here").
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiFallbackExceptionHandler {

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noHandler(NoResourceFoundException e, HttpServletRequest request)
      throws NoResourceFoundException {
    if (!isApi(request)) {
      throw e;
    }
    return ApiExceptionHandler.error(HttpStatus.NOT_FOUND, "Not found: " + path(request), null);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request)
      throws HttpRequestMethodNotSupportedException {
    if (!isApi(request)) {
      throw e;
    }
    ResponseEntity<ApiError> body =
        ApiExceptionHandler.error(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), null);
    return e.getSupportedHttpMethods() == null
        ? body
        : ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
            .allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new))
            .body(body.getBody());
  }

  private static boolean isApi(HttpServletRequest request) {
    return path(request).startsWith("/api/");
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
