package dev.vigil.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The standard Morpheus list parameters: {@code max} (default 25, -1 = all), {@code offset}, {@code
 * phrase} (partial match), {@code name} (exact match), {@code sort} and {@code direction}. Bare
 * keys ({@code ?name&max=5}) count as absent; unknown parameters are ignored.
 */
public record ListQuery(
    int max,
    int offset,
    @Nullable String phrase,
    @Nullable String name,
    @Nullable String sort,
    boolean descending) {

  public static final int DEFAULT_MAX = 25;
  public static final int ALL = Integer.MAX_VALUE;

  /** Reads the list parameters from a request's parameter map; throws on a malformed number. */
  public static ListQuery from(Map<String, String[]> params) {
    int max = intParam(params, "max", DEFAULT_MAX);
    if (max < -1) {
      throw new InvalidInputException(
          "max", "max must be -1 (all) or a whole number from 0, got '" + max + "'");
    }
    int offset = intParam(params, "offset", 0);
    if (offset < 0) {
      throw new InvalidInputException("offset", "offset must be 0 or more");
    }
    String sort = text(params, "sort");
    String direction = text(params, "direction");
    if (direction != null
        && !direction.equalsIgnoreCase("asc")
        && !direction.equalsIgnoreCase("desc")) {
      throw new InvalidInputException(
          "direction", "direction must be asc or desc, got '" + shown(direction) + "'");
    }
    boolean desc = "desc".equalsIgnoreCase(direction);
    if (sort != null && sort.contains(" ")) {
      String[] parts = sort.trim().split("\\s+", 2);
      sort = parts[0];
      desc = desc || "desc".equalsIgnoreCase(parts[1]);
    }
    return new ListQuery(
        max < 0 ? ALL : max, offset, text(params, "phrase"), text(params, "name"), sort, desc);
  }

  /** The sort property if it is one of {@code allowed}, else {@code fallback}. */
  public String sortOr(Set<String> allowed, String fallback) {
    return sort != null && allowed.contains(sort) ? sort : fallback;
  }

  /** The value of a single text parameter, null when absent, bare or blank. */
  public static @Nullable String text(Map<String, String[]> params, String key) {
    String[] values = params.get(key);
    if (values == null) {
      return null;
    }
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  /** Every non-blank value of a repeatable text parameter, trimmed; empty when absent. */
  public static List<String> texts(Map<String, String[]> params, String key) {
    String[] v = params.get(key);
    return v == null
        ? List.of()
        : Arrays.stream(v).filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
  }

  /**
   * Every non-blank value of a repeatable id parameter; throws naming the parameter on a
   * non-number.
   */
  public static List<Long> ids(Map<String, String[]> params, String key) {
    List<Long> out = new ArrayList<>();
    String[] values = params.get(key);
    if (values == null) {
      return out;
    }
    for (String v : values) {
      if (v == null || v.isBlank()) {
        continue;
      }
      try {
        out.add(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            key, key + " must be an id (a number), got '" + shown(v) + "'");
      }
    }
    return out;
  }

  /** A whole-number parameter, {@code fallback} when absent; a 400 naming it when not a number. */
  public static int intParam(Map<String, String[]> params, String key, int fallback) {
    String v = text(params, key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(key, key + " must be a whole number, got '" + shown(v) + "'");
    }
  }

  /** A parameter's value as a message may quote it: at most 40 characters. */
  public static String shown(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
