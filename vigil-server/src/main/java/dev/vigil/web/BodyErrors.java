package dev.vigil.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Request body errors in the Morpheus shape: the field is the last name of the JSON path (the
 * record key {@code "job"} of {@code {"job": {"name": ...}}} is left out, as the API's own checks
 * name {@code errors.name}), the message is in user words.
 */
final class BodyErrors {

  private BodyErrors() {}

  /** The field a Jackson type error is about, or null when it is about the whole body. */
  static String field(MismatchedInputException e) {
    List<JacksonException.Reference> path = e.getPath();
    for (int i = path.size() - 1; i >= 0; i--) {
      String name = path.get(i).getPropertyName();
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  /** What a value of {@code type} must be. */
  static String message(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
      return "must be a number";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be a list";
    }
    if (type.isEnum()) {
      return "must be one of " + enumValues(type);
    }
    return "must be an object";
  }

  private static String enumValues(Class<?> type) {
    return java.util.Arrays.stream(type.getEnumConstants())
        .map(Object::toString)
        .collect(Collectors.joining(", "));
  }

  /** One message per field (the first the validator reported), keyed by the field's own name. */
  static Map<String, String> of(BindingResult result) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldError fe : result.getFieldErrors()) {
      String path = fe.getField();
      String field = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d*]$", "");
      errors.putIfAbsent(field, fe.getDefaultMessage());
    }
    result.getGlobalErrors().forEach(g -> errors.putIfAbsent(g.getObjectName(), "is invalid"));
    return errors;
  }

  /** "name is required; cron must be at most 100 characters". */
  static String summary(Map<String, String> errors) {
    return errors.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining("; "));
  }
}
