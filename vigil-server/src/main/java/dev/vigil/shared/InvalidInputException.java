package dev.vigil.shared;

import java.util.Map;

/**
 * Input failed validation: HTTP 400 with a message and one message per field, in the Morpheus error
 * shape {@code {"success": false, "msg": ..., "errors": {field: message}}}.
 */
public class InvalidInputException extends RuntimeException {
  private final Map<String, String> errors;

  public InvalidInputException(String message, Map<String, String> errors) {
    super(message);
    this.errors = Map.copyOf(errors);
  }

  public InvalidInputException(String field, String message) {
    this(message, Map.of(field, message));
  }

  public Map<String, String> errors() {
    return errors;
  }
}
