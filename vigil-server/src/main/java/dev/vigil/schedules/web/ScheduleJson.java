package dev.vigil.schedules.web;

import dev.vigil.schedules.ExecuteSchedule;
import dev.vigil.schedules.ScheduleInput;
import dev.vigil.web.InvalidInputException;
import dev.vigil.web.JsonBody;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/** Reads schedule bodies and renders schedules in the Morpheus record shape plus next fires. */
final class ScheduleJson {

  /** A member id: compiled once, as a member list may hold many thousands. */
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

  static final String KEY = "schedule";

  private ScheduleJson() {}

  static Map<String, Object> record(ExecuteSchedule s, List<Instant> nextFires) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("description", s.description());
    m.put("visibility", ExecuteSchedule.VISIBILITY);
    m.put("enabled", s.enabled());
    m.put("scheduleType", ExecuteSchedule.TYPE);
    m.put("scheduleTimezone", s.timezone());
    m.put("cron", s.cron());
    m.put("nextFires", nextFires.stream().map(Instant::toString).toList());
    m.put("createdBy", s.createdBy());
    m.put("dateCreated", time(s.createdAt()));
    m.put("lastUpdated", time(s.updatedAt()));
    return m;
  }

  /** References to members: {@code [{"id": 11, "name": "web01"}]}, names from the inventory. */
  static List<Map<String, Object>> refs(List<Long> ids, LongFunction<String> names) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (long id : ids) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("name", names.apply(id));
      out.add(m);
    }
    return out;
  }

  /** The schedule input of a {@code {"schedule": {...}}} body; type errors as one 400. */
  static ScheduleInput input(Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, KEY);
    ScheduleInput in =
        new ScheduleInput(
            json.string("scheduleType"),
            json.string("name"),
            json.string("description"),
            json.string("cron"),
            json.string("scheduleTimezone"),
            json.bool("enabled"));
    json.finish("Unable to save execute schedule");
    return in;
  }

  /** Member ids under {@code key}: numbers, digit strings or {@code {"id": n}} objects. */
  static List<Long> ids(Map<String, Object> body, String key, String label) {
    Object value = body == null ? null : body.get(key);
    if (!(value instanceof List<?> list)) {
      throw invalidIds(key, label);
    }
    List<Long> ids = new ArrayList<>();
    for (Object item : list) {
      Object raw = item instanceof Map<?, ?> m ? m.get("id") : item;
      String text = raw instanceof Number || raw instanceof String ? raw.toString().trim() : "";
      if (!ID.matcher(text).matches()) {
        throw invalidIds(key, label);
      }
      ids.add(Long.parseLong(text));
    }
    return ids;
  }

  private static InvalidInputException invalidIds(String key, String label) {
    return new InvalidInputException(
        "Unable to update execute schedule " + key,
        Map.of(key, "must be a list of " + label + " ids (numbers)"));
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
