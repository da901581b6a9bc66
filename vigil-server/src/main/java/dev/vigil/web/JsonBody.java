package dev.vigil.web;

import dev.vigil.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Morpheus-style request body ({@code {"<record>": {...}}}) leniently: unknown keys are
 * ignored, wrong types are collected as field errors and reported together as one HTTP 400.
 */
public final class JsonBody {

  private final Map<?, ?> fields;
  private final Map<String, String> errors = new LinkedHashMap<>();

  private JsonBody(Map<?, ?> fields) {
    this.fields = fields;
  }

  /** The object under {@code key} of {@code body}; 400 when the body or the key is missing. */
  public static JsonBody of(Map<String, Object> body, String key) {
    Object inner = body == null ? null : body.get(key);
    if (!(inner instanceof Map<?, ?> map)) {
      throw missing(key);
    }
    return new JsonBody(map);
  }

  /** The 400 for a body without its record key {@code key} (e.g. no {@code "job"} object). */
  public static InvalidInputException missing(String key) {
    return new InvalidInputException(
        "Request body must be a JSON object with a \"" + key + "\" object",
        Map.of(key, "is required"));
  }

  public boolean has(String key) {
    return fields.containsKey(key);
  }

  /** A string field; numbers and booleans are accepted as their text; null when absent. */
  public String string(String key) {
    Object v = fields.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    errors.put(key, "must be a string");
    return null;
  }

  /** A boolean field; accepts true/false, "true"/"false", "on"/"off"; null when absent. */
  public Boolean bool(String key) {
    Object v = fields.get(key);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    String s = v.toString().trim().toLowerCase();
    switch (s) {
      case "true", "on", "yes", "1" -> {
        return true;
      }
      case "false", "off", "no", "0" -> {
        return false;
      }
      default -> {
        errors.put(key, "must be true or false");
        return null;
      }
    }
  }

  /** A list of strings; a single comma-separated string is accepted too; null when absent. */
  public List<String> strings(String key) {
    Object v = fields.get(key);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof String || o instanceof Number)) {
          errors.put(key, "must be a list of strings");
          return null;
        }
        out.add(o.toString());
      }
      return out;
    }
    errors.put(key, "must be a list of strings");
    return null;
  }

  /** The {@code code} of an object field, or the field itself when it is a string. */
  public String codeOrString(String key) {
    Object v = fields.get(key);
    if (v instanceof Map<?, ?> m) {
      Object code = m.get("code");
      return code == null ? null : code.toString();
    }
    return string(key);
  }

  /** Throws one 400 with every type error collected so far. */
  public void finish(String message) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(message, errors);
    }
  }
}
