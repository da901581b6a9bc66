package dev.vigil.web.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.vigil.jobs.JobInput;
import dev.vigil.jobs.JobType;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.web.JsonBody;
import dev.vigil.web.LenientReaders;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A Morpheus {@code {"job": {...}}} body, bound by Jackson. The fields take every shape the
 * Morpheus client sends (on/off booleans, numbers as text, {@code securityPackage} as {@code
 * {"id"}} or the bare id, targets as {@code [{"refId"}]} or ids); a field of the wrong shape does
 * not stop the binding: its reader records the problem in {@link #problems} and the validator
 * reports it with every other field error in one 400 ({@code errors.<field>}). Unknown keys are
 * ignored; task and workflow jobs are refused.
 *
 * @param job the job's fields
 * @param problems field errors found while binding (not part of the JSON)
 */
@Schema(name = "JobBody")
@JsonDeserialize(using = JobBody.Reader.class)
record JobBody(Request job, @JsonIgnore @Schema(hidden = true) Map<String, String> problems) {

  static final String KEY = "job";
  static final String ONLY_SCANS = "only Security Scan Jobs are supported";

  JobBody {
    problems = problems == null ? Map.of() : Map.copyOf(problems);
  }

  /** The fields of a job create or update; absent fields are unchanged on update. */
  @Schema(name = "JobRequest")
  record Request(
      @JsonDeserialize(using = Text.class) String name,
      @JsonDeserialize(using = Text.class) String description,
      @Schema(description = "a list, or one comma-separated string")
          @JsonDeserialize(using = Strings.class)
          List<String> labels,
      @Schema(description = "true/false, on/off, yes/no or 1/0")
          @JsonDeserialize(using = Flag.class)
          Boolean enabled,
      @Schema(description = "Security Scan only: its id, code or name, or {\"code\": ...}")
          @JsonDeserialize(using = TypeName.class)
          String type,
      @Schema(description = "the package: {\"id\": 5}, 5 or \"5\"")
          @JsonDeserialize(using = PackageRef.class)
          Ref securityPackage,
      @Schema(description = "the tailoring to scan: {\"id\": 3}; null: the package's own profile")
          @JsonDeserialize(using = TailoringRef.class)
          Ref securityTailoring,
      @JsonDeserialize(using = Text.class) String scanPath,
      @JsonDeserialize(using = Text.class) String securityProfile,
      @Schema(description = "manual, dateTime or an execute schedule id")
          @JsonDeserialize(using = Text.class)
          String scheduleMode,
      @Schema(description = "ISO date-time, for scheduleMode dateTime")
          @JsonDeserialize(using = Text.class)
          String dateTime,
      @Schema(description = "server, instance, server-label or instance-label")
          @JsonDeserialize(using = Text.class)
          String targetType,
      @Schema(description = "[{\"refId\": 12}]; bare ids are accepted too")
          @JsonDeserialize(using = Targets.class)
          List<TargetRef> targets,
      @Schema(description = "for targetType server-label") @JsonDeserialize(using = Text.class)
          String serverLabel,
      @Schema(description = "for targetType instance-label") @JsonDeserialize(using = Text.class)
          String instanceLabel,
      @Schema(implementation = Integer.class) @JsonDeserialize(using = Text.class)
          String timeoutMinutes,
      @Schema(implementation = Integer.class) @JsonDeserialize(using = Text.class)
          String maxParallel,
      @Schema(implementation = Integer.class) @JsonDeserialize(using = Text.class)
          String retriesOnTimeout,
      @Schema(implementation = Integer.class) @JsonDeserialize(using = Text.class)
          String keepMinDays,
      @Schema(implementation = Integer.class, description = "null: never deleted")
          @JsonDeserialize(using = Days.class)
          String deleteAfterDays,
      @Schema(description = "execute the job once saved") @JsonDeserialize(using = Flag.class)
          Boolean run,
      @Schema(hidden = true) Object task,
      @Schema(hidden = true) Object workflow) {}

  /** A reference by id ({@code {"id": 5}}); the id as sent, checked by the validator. */
  @Schema(name = "JobRequestRef")
  record Ref(@Schema(implementation = Long.class) String id) {}

  /** A target: a server or instance id, optionally naming its kind. */
  @Schema(name = "JobRequestTargetRef")
  record TargetRef(
      @Schema(implementation = Long.class) String refId,
      @Schema(description = "server or instance") String targetType) {}

  /** Whether the body asks to execute the job once saved ({@code jobs add -R on}). */
  boolean runRequested() {
    return job != null && Boolean.TRUE.equals(job.run());
  }

  /** The job input of {@code body}: 400 when it has no {@code job} object or is not a scan job. */
  static JobInput input(JobBody body) {
    if (body == null || body.job() == null) {
      throw JsonBody.missing(KEY);
    }
    Request r = body.job();
    refuseOtherTypes(r);
    Map<String, String> problems = new LinkedHashMap<>(body.problems());
    String declared = declaredKind(r);
    checkKinds(r, problems);
    String label = "instance-label".equals(r.targetType()) ? r.instanceLabel() : r.serverLabel();
    return new JobInput(
        r.name(),
        r.description(),
        r.labels(),
        r.enabled(),
        r.securityPackage() == null ? null : r.securityPackage().id(),
        r.scanPath(),
        r.securityProfile(),
        r.scheduleMode(),
        r.dateTime(),
        r.targetType() == null ? declared : r.targetType(),
        r.targets() == null ? null : r.targets().stream().map(TargetRef::refId).toList(),
        r.timeoutMinutes(),
        r.maxParallel(),
        r.retriesOnTimeout(),
        r.keepMinDays(),
        r.deleteAfterDays(),
        label == null ? r.instanceLabel() : label,
        problems,
        r.securityTailoring() == null ? null : r.securityTailoring().id());
  }

  private static void refuseOtherTypes(Request r) {
    boolean other = r.task() != null || r.workflow() != null;
    if (other || (r.type() != null && !isScanType(r.type()))) {
      throw new InvalidInputException(
          "Unable to save job: " + ONLY_SCANS, Map.of("type", ONLY_SCANS));
    }
  }

  private static boolean isScanType(String type) {
    String s = type.trim();
    return s.equals(String.valueOf(JobType.ID))
        || s.equals(JobType.CODE)
        || s.equals(JobType.CODE + ".jobType")
        || s.equalsIgnoreCase(JobType.NAME)
        || s.equalsIgnoreCase("Security Scan");
  }

  /** Targets naming different kinds, or some naming theirs and others not, are refused. */
  private static void checkKinds(Request r, Map<String, String> problems) {
    List<TargetRef> list = r.targets();
    if (list == null || list.isEmpty()) {
      return;
    }
    Set<String> kinds = new LinkedHashSet<>();
    if (r.targetType() != null) {
      kinds.add(r.targetType().trim());
    }
    int undeclared = 0;
    for (TargetRef t : list) {
      if (t.targetType() != null) {
        kinds.add(t.targetType().trim());
      } else {
        undeclared++;
      }
    }
    boolean partlyDeclared = r.targetType() == null && undeclared > 0 && undeclared < list.size();
    if (kinds.size() > 1 || partlyDeclared) {
      problems.putIfAbsent(
          "targets", "mixes " + kinds + "; a job targets servers or instances, not both");
    }
  }

  /**
   * The kind every target names itself ({@code {"refId": 21, "targetType": "instance"}}) when the
   * body names none, so such targets are never read as the other kind; null otherwise.
   */
  private static String declaredKind(Request r) {
    if (r.targetType() != null || r.targets() == null || r.targets().isEmpty()) {
      return null;
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (TargetRef t : r.targets()) {
      if (t.targetType() == null) {
        return null;
      }
      kinds.add(t.targetType().trim());
    }
    return kinds.size() == 1 ? kinds.iterator().next() : null;
  }

  // ---- readers: each takes what the Morpheus client sends and records, never throws, a problem

  /** The field errors of one binding, kept in the deserialization context's attributes. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> problems(DeserializationContext ctxt) {
    Object found = ctxt.getAttribute(Reader.class);
    if (found instanceof Map<?, ?> m) {
      return (Map<String, String>) m;
    }
    Map<String, String> fresh = new LinkedHashMap<>();
    ctxt.setAttribute(Reader.class, fresh);
    return fresh;
  }

  private static void problem(DeserializationContext ctxt, String field, String message) {
    problems(ctxt).putIfAbsent(field == null ? KEY : field, message);
  }

  /**
   * {@code {"job": {...}}}: binds {@link Request} and adds the problems its readers found; a {@code
   * job} that is not an object is left out, so the answer is the 400 of a missing {@code job}.
   */
  static final class Reader extends ValueDeserializer<JobBody> {

    @Override
    public JobBody deserialize(JsonParser p, DeserializationContext ctxt) {
      Map<String, String> problems = problems(ctxt);
      if (p.currentToken() != JsonToken.START_OBJECT) {
        return (JobBody) ctxt.handleUnexpectedToken(JobBody.class, p);
      }
      Request job = null;
      for (String name = p.nextName(); name != null; name = p.nextName()) {
        JsonToken value = p.nextToken();
        if (KEY.equals(name) && value == JsonToken.START_OBJECT) {
          job = ctxt.readValue(p, Request.class);
        } else {
          p.skipChildren();
        }
      }
      return new JobBody(job, problems);
    }
  }

  /** A string; numbers and booleans as their text. */
  static class Text extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      String field = p.currentName();
      if (p.currentToken().isScalarValue()) {
        return p.getString();
      }
      problem(ctxt, field, "must be a string");
      p.skipChildren();
      return null;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }

  /** {@code deleteAfterDays}: a number of days; {@code null}: never; absent: unchanged. */
  static final class Days extends Text {

    @Override
    public String getNullValue(DeserializationContext ctxt) {
      return "never";
    }
  }

  /** true/false, on/off, yes/no, 1/0, as JSON booleans, numbers or text. */
  static final class Flag extends ValueDeserializer<Boolean> {

    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
      String field = p.currentName();
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return t == JsonToken.VALUE_TRUE;
      }
      String text = t.isScalarValue() ? p.getString().trim().toLowerCase(Locale.ROOT) : "";
      p.skipChildren();
      return switch (text) {
        case "true", "on", "yes", "1" -> true;
        case "false", "off", "no", "0" -> false;
        default -> {
          problem(ctxt, field, "must be true or false");
          yield null;
        }
      };
    }
  }

  /** A list of strings, or one comma-separated string; items may be numbers. */
  static final class Strings extends ValueDeserializer<List<String>> {

    @Override
    public List<String> deserialize(JsonParser p, DeserializationContext ctxt) {
      String field = p.currentName();
      List<String> out = LenientReaders.strings(ctxt.readTree(p));
      if (out == null) {
        problem(ctxt, field, "must be a list of strings");
      }
      return out;
    }
  }

  /** A job type as its id, code or name, or an object carrying one of them. */
  static final class TypeName extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonNode node = ctxt.readTree(p);
      JsonNode v = node.isObject() ? firstOf(node, "id", "code", "name") : node;
      return v == null || v.isNull() ? "" : v.isValueNode() ? v.asString() : v.toString();
    }
  }

  /** The package: {@code {"id": 5}}, {@code 5} or {@code "5"}; null: unchanged. */
  static class PackageRef extends ValueDeserializer<Ref> {

    String message() {
      return "must be an object with the package id: {\"id\": 5}";
    }

    /** What an unusable value reads as. */
    Ref wrong() {
      return new Ref("");
    }

    /** What {@code {}} or {@code {"id": null}} reads as. */
    Ref noId() {
      return null;
    }

    @Override
    public Ref deserialize(JsonParser p, DeserializationContext ctxt) {
      String field = p.currentName();
      JsonNode node = ctxt.readTree(p);
      JsonNode id = node.isObject() ? node.get("id") : node;
      if (node.isObject() && (id == null || id.isNull())) {
        return noId();
      }
      if (id.isNumber() || id.isString()) {
        return new Ref(id.asString());
      }
      problem(ctxt, field, message());
      return wrong();
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }

  /** The tailoring: {@code {"id": 3}} or the id; null or {@code {}}: none; absent: unchanged. */
  static final class TailoringRef extends PackageRef {

    @Override
    String message() {
      return "must be an object with the tailoring id: {\"id\": 3}";
    }

    @Override
    Ref wrong() {
      return null;
    }

    @Override
    Ref noId() {
      return new Ref("");
    }

    @Override
    public Ref getNullValue(DeserializationContext ctxt) {
      return new Ref("");
    }
  }

  /** {@code [{"refId": 12}]}, {@code [{"id": 12}]} or {@code [12]}; null: unchanged. */
  static final class Targets extends ValueDeserializer<List<TargetRef>> {

    @Override
    public List<TargetRef> deserialize(JsonParser p, DeserializationContext ctxt) {
      String field = p.currentName();
      JsonNode node = ctxt.readTree(p);
      if (!node.isArray()) {
        problem(ctxt, field, "must be a list of {\"refId\": id}");
        return List.of();
      }
      List<TargetRef> out = new ArrayList<>();
      for (JsonNode item : node) {
        JsonNode ref = item.isObject() ? firstOf(item, "refId", "id") : item;
        JsonNode kind = item.isObject() ? item.get("targetType") : null;
        out.add(
            new TargetRef(
                ref == null || !ref.isValueNode() ? "" : ref.asString(),
                kind == null || kind.isNull() ? null : kind.asString()));
      }
      return out;
    }
  }

  private static JsonNode firstOf(JsonNode object, String... keys) {
    for (String k : keys) {
      JsonNode v = object.get(k);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }
}
