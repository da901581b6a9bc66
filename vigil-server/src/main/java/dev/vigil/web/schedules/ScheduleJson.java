package dev.vigil.web.schedules;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.vigil.schedules.ExecuteSchedule;
import dev.vigil.schedules.ScheduleInput;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.web.JsonBody;
import dev.vigil.web.LenientReaders;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/** Schedule bodies and answers as typed records, in the Morpheus record shape plus next fires. */
final class ScheduleJson {

  /** A member id: compiled once, as a member list may hold many thousands. */
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

  static final String KEY = "schedule";

  private ScheduleJson() {}

  /** A schedule as the API shows it. */
  record ScheduleRecord(
      long id,
      String name,
      String description,
      String visibility,
      boolean enabled,
      String scheduleType,
      String scheduleTimezone,
      String cron,
      List<String> nextFires,
      String createdBy,
      String dateCreated,
      String lastUpdated) {}

  /** A server or instance of a schedule: {@code {"id": 11, "name": "web01"}}. */
  @Schema(name = "ScheduleMemberRef")
  record MemberRef(long id, String name) {}

  /** {@code GET /api/execute-schedules}. */
  record ScheduleList(List<ScheduleRecord> schedules, Meta meta) {}

  /** {@code GET /api/execute-schedules/{id}}: the schedule and its members. */
  record ScheduleOne(ScheduleRecord schedule, List<MemberRef> servers, List<MemberRef> instances) {}

  /** A created or updated schedule. */
  record ScheduleSaved(boolean success, ScheduleRecord schedule) {}

  /** The fields of {@code {"schedule": {...}}}; null means not given (kept on update). */
  @Schema(name = "ScheduleRequest")
  record ScheduleRequest(
      String scheduleType,
      @Size(max = 255, message = "must be at most 255 characters") String name,
      @Size(max = 4000, message = "must be at most 4000 characters") String description,
      String cron,
      String scheduleTimezone,
      Boolean enabled) {}

  /** The body of a create or update. */
  @Schema(name = "ScheduleBody")
  record ScheduleBody(@Valid ScheduleRequest schedule) {}

  /**
   * The body of the member calls: {@code {"servers": [11, "12", {"id": 13}]}} or {@code
   * {"instances": [...]}}.
   */
  @Schema(name = "ScheduleMembersBody")
  record MembersBody(
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<MemberId> servers,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<MemberId> instances) {}

  /** A member id: a number, a digit string or {@code {"id": n}}. */
  @JsonDeserialize(using = MemberIdReader.class)
  @Schema(name = "ScheduleMemberId")
  record MemberId(long id) {}

  static ScheduleRecord record(ExecuteSchedule s, List<Instant> nextFires) {
    return new ScheduleRecord(
        s.id(),
        s.name(),
        s.description(),
        ExecuteSchedule.VISIBILITY,
        s.enabled(),
        ExecuteSchedule.TYPE,
        s.timezone(),
        s.cron(),
        nextFires.stream().map(Instant::toString).toList(),
        s.createdBy(),
        time(s.createdAt()),
        time(s.updatedAt()));
  }

  /** References to members, names from the inventory (null for one deleted meanwhile). */
  static List<MemberRef> refs(List<Long> ids, LongFunction<String> names) {
    List<MemberRef> out = new ArrayList<>();
    for (long id : ids) {
      out.add(new MemberRef(id, names.apply(id)));
    }
    return out;
  }

  /** The schedule input of a body; 400 naming {@code schedule} when it is missing. */
  static ScheduleInput input(ScheduleBody body) {
    if (body == null || body.schedule() == null) {
      throw JsonBody.missing(KEY);
    }
    ScheduleRequest r = body.schedule();
    return new ScheduleInput(
        r.scheduleType(), r.name(), r.description(), r.cron(), r.scheduleTimezone(), r.enabled());
  }

  /** The member ids under {@code key}; 400 when the list is missing. */
  static List<Long> ids(MembersBody body, String key, String label) {
    List<MemberId> ids =
        body == null ? null : "servers".equals(key) ? body.servers() : body.instances();
    if (ids == null) {
      throw invalidIds(key, label);
    }
    return ids.stream().map(MemberId::id).toList();
  }

  static InvalidInputException invalidIds(String key, String label) {
    return new InvalidInputException(
        "Unable to update execute schedule " + key,
        Map.of(key, "must be a list of " + label + " ids (numbers)"));
  }

  /** Reads a member id; anything else is a 400 on the list's field. */
  static final class MemberIdReader extends ValueDeserializer<MemberId> {

    @Override
    public MemberId deserialize(JsonParser p, DeserializationContext ctxt) {
      LenientReaders.Where where = LenientReaders.Where.of(p);
      JsonNode node = ctxt.readTree(p);
      JsonNode v = node.isObject() ? node.path("id") : node;
      String text = where.inList() && (v.isIntegralNumber() || v.isString()) ? v.asString() : "";
      if (!ID.matcher(text.trim()).matches()) {
        boolean instances = "instances".equals(where.field());
        throw invalidIds(instances ? "instances" : "servers", instances ? "instance" : "server");
      }
      return new MemberId(Long.parseLong(text.trim()));
    }
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
