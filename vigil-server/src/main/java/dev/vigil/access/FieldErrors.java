package dev.vigil.access;

import dev.vigil.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects one message per invalid field, then throws them together. */
final class FieldErrors {
  private final Map<String, String> errors = new LinkedHashMap<>();

  FieldErrors add(String field, String message) {
    errors.putIfAbsent(field, message);
    return this;
  }

  void throwIfInvalid(String message) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(message, errors);
    }
  }
}
