package dev.vigil.shared;

import java.util.Map;

/**
 * The request is valid but the current state forbids it (in use, already running): HTTP 400 with
 * {@code msg} on the API, because Morpheus's client prints {@code msg} only for 400 and 404 (API.md
 * §11).
 */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }

  /** Fields added to the API's error body beside {@code msg}, e.g. the id of what is in the way. */
  public Map<String, Object> details() {
    return Map.of();
  }
}
