package dev.vigil.web;

import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Maps domain exceptions of every REST controller to the Morpheus error shape. */
@RestControllerAdvice(annotations = ApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ApiError> notFound(NotFoundException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage(), null);
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ApiError> conflict(ConflictException e) {
    // 400, not 409: Morpheus's client prints msg only for 400 and 404 (API.md §11)
    return ResponseEntity.badRequest()
        .body(ApiError.of(400, e.getMessage(), null).with(e.details()));
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ApiError> invalid(InvalidInputException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), e.errors());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    RequestBodyLimit.TooLarge tooLarge = tooLarge(e);
    if (tooLarge != null) {
      return error(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), null);
    }
    InvalidInputException invalid = cause(e, InvalidInputException.class);
    if (invalid != null) {
      return invalid(invalid); // a typed body's own reader found the value wrong
    }
    MismatchedInputException mismatch = cause(e, MismatchedInputException.class);
    String field = mismatch == null ? null : BodyErrors.field(mismatch);
    if (field != null) {
      String message = BodyErrors.message(mismatch.getTargetType());
      return error(HttpStatus.BAD_REQUEST, field + " " + message, Map.of(field, message));
    }
    return error(
        HttpStatus.BAD_REQUEST, "Request body is not valid JSON of the expected shape", null);
  }

  /** Bean Validation of a {@code @Valid} request body: one message per field, in user words. */
  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> notValid(MethodArgumentNotValidException e) {
    Map<String, String> errors = BodyErrors.of(e.getBindingResult());
    return error(HttpStatus.BAD_REQUEST, BodyErrors.summary(errors), errors);
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
    String msg = ParameterMessages.mismatch(e);
    return error(HttpStatus.BAD_REQUEST, msg, Map.of(e.getName(), msg));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    String msg = e.getParameterName() + " is required";
    return error(HttpStatus.BAD_REQUEST, msg, Map.of(e.getParameterName(), msg));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), null);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return error(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), null);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
    return error(HttpStatus.NOT_FOUND, "Not found", null);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ApiError> denied(AccessDeniedException e) {
    return error(
        HttpStatus.FORBIDDEN, "You do not have permissions to access this api endpoint", null);
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ApiError> unexpected(RuntimeException e) {
    RequestBodyLimit.TooLarge tooLarge = tooLarge(e);
    if (tooLarge != null) {
      return error(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), null);
    }
    if (DatabaseOutage.is(e)) {
      throw e; // not handled here: DatabaseOutageFilter answers 503 (and has the database probed)
    }
    log.error("unexpected error in API call", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR, "Internal error: " + e.getClass().getSimpleName(), null);
  }

  /** The body limit reached while the body was read, wherever the reader wrapped it; or null. */
  private static RequestBodyLimit.TooLarge tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestBodyLimit.TooLarge tooLarge) {
        return tooLarge;
      }
    }
    return null;
  }

  /** Builds the Morpheus error body. */
  static ResponseEntity<ApiError> error(HttpStatus status, String msg, Map<String, String> errors) {
    // a 400 always carries the errors map (empty when no single field is to blame): API.md §1
    return ResponseEntity.status(status).body(ApiError.of(status.value(), msg, errors));
  }
}
