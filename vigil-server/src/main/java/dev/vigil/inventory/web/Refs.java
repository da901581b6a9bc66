package dev.vigil.inventory.web;

import dev.vigil.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads record references ({@code {"id": 5}}, {@code 5} or {@code "5"}) from request bodies. */
final class Refs {

  private Refs() {}

  /** The inner object of the body under {@code key}, or an empty map. */
  static Map<?, ?> inner(Map<String, Object> body, String key) {
    Object o = body == null ? null : body.get(key);
    return o instanceof Map<?, ?> m ? m : Map.of();
  }

  /** The id of a reference; 0 when it is explicitly null or empty; throws on garbage. */
  static long id(Object ref, String field) {
    Object v = ref instanceof Map<?, ?> m ? m.get("id") : ref;
    if (v == null || (v instanceof String s && s.isBlank())) {
      return 0;
    }
    try {
      return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(field, "must be an id or {\"id\": number}");
    }
  }

  /** The ids of a list of references, or null when absent. */
  static List<Long> ids(Object refs, String field) {
    if (refs == null) {
      return null;
    }
    if (!(refs instanceof List<?> list)) {
      throw new InvalidInputException(field, "must be a list of {\"id\": number}");
    }
    List<Long> ids = new ArrayList<>();
    for (Object ref : list) {
      ids.add(id(ref, field));
    }
    return ids;
  }
}
