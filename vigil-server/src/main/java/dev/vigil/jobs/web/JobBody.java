package dev.vigil.jobs.web;

import dev.vigil.jobs.JobInput;
import dev.vigil.jobs.JobType;
import dev.vigil.web.InvalidInputException;
import dev.vigil.web.JsonBody;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Morpheus {@code {"job": {...}}} body leniently: the type is inferred (a security scan job
 * has {@code securityPackage}; task and workflow jobs are refused), unknown keys are ignored, and
 * shape problems are carried to the validator so every field error is reported at once.
 */
final class JobBody {

  static final String KEY = "job";
  static final String ONLY_SCANS = "only Security Scan Jobs are supported";

  private JobBody() {}

  /**
   * {@code {"job": {...}}}: the OpenAPI description of a job body. The body itself is read by
   * {@link #input}, not bound to {@link Request}: Morpheus's job body mixes shapes ({@code
   * securityPackage} as an id or {@code {"id"}}, targets as ids or refs with their own kind, {@code
   * deleteAfterDays: null} for "never" but absent for "unchanged") and every shape problem is
   * reported together with the validator's errors in one 400, which a binder stopping at the first
   * bad value cannot do.
   */
  @Schema(name = "JobBody")
  record RequestBody(Request job) {}

  /** The fields of a job create or update; absent fields are unchanged on update. */
  @Schema(name = "JobRequest")
  record Request(
      String name,
      String description,
      @Schema(description = "a list, or one comma-separated string") List<String> labels,
      Boolean enabled,
      @Schema(description = "the package: {\"id\": 5} or 5") PackageRef securityPackage,
      String scanPath,
      String securityProfile,
      @Schema(description = "manual, dateTime or an execute schedule id") String scheduleMode,
      @Schema(description = "ISO date-time, for scheduleMode dateTime") String dateTime,
      @Schema(description = "server, instance, server-label or instance-label") String targetType,
      List<TargetRef> targets,
      String serverLabel,
      String instanceLabel,
      Integer timeoutMinutes,
      Integer maxParallel,
      Integer retriesOnTimeout,
      Integer keepMinDays,
      @Schema(description = "null: never deleted") Integer deleteAfterDays,
      @Schema(description = "execute the job once saved") Boolean run) {}

  /** A package reference. */
  @Schema(name = "JobRequestPackageRef")
  record PackageRef(long id) {}

  /** A target: a server or instance id, optionally naming its kind. */
  @Schema(name = "JobRequestTargetRef")
  record TargetRef(long refId, String targetType) {}

  static JobInput input(Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, KEY);
    Map<?, ?> raw = (Map<?, ?>) body.get(KEY);
    refuseOtherTypes(raw);
    Map<String, String> problems = new LinkedHashMap<>();
    String packageId = packageId(raw.get("securityPackage"), problems);
    List<String> targets = targets(raw, problems);
    JobInput in = fields(json, packageId, targets, declaredKind(raw));
    Map<String, String> all = new LinkedHashMap<>(shapeErrors(json));
    all.putAll(problems);
    return withProblems(in, all);
  }

  private static JobInput fields(
      JsonBody json, String packageId, List<String> targets, String declaredKind) {
    String targetType = json.string("targetType");
    String label =
        "instance-label".equals(targetType)
            ? json.string("instanceLabel")
            : json.string("serverLabel");
    return new JobInput(
        json.string("name"),
        json.string("description"),
        json.strings("labels"),
        json.bool("enabled"),
        packageId,
        json.string("scanPath"),
        json.string("securityProfile"),
        json.string("scheduleMode"),
        json.string("dateTime"),
        targetType == null ? declaredKind : targetType,
        targets,
        json.string("timeoutMinutes"),
        json.string("maxParallel"),
        json.string("retriesOnTimeout"),
        json.string("keepMinDays"),
        deleteAfterDays(json),
        label == null ? json.string("instanceLabel") : label,
        Map.of());
  }

  /** {@code "deleteAfterDays": null} means never; a missing key means unchanged. */
  private static String deleteAfterDays(JsonBody json) {
    String v = json.string("deleteAfterDays");
    return v == null && json.has("deleteAfterDays") ? "never" : v;
  }

  /** The type errors the lenient reader collected (a field of the wrong JSON type). */
  private static Map<String, String> shapeErrors(JsonBody json) {
    try {
      json.finish("Unable to save job");
      return Map.of();
    } catch (InvalidInputException e) {
      return e.errors();
    }
  }

  private static void refuseOtherTypes(Map<?, ?> raw) {
    boolean other = raw.get("task") != null || raw.get("workflow") != null;
    Object type = raw.get("type");
    if (other || (type != null && !isScanType(type))) {
      throw new InvalidInputException(
          "Unable to save job: " + ONLY_SCANS, Map.of("type", ONLY_SCANS));
    }
  }

  private static boolean isScanType(Object type) {
    Object v = type instanceof Map<?, ?> m ? firstOf(m, "id", "code", "name") : type;
    String s = v == null ? "" : v.toString().trim();
    return s.equals(String.valueOf(JobType.ID))
        || s.equals(JobType.CODE)
        || s.equals(JobType.CODE + ".jobType")
        || s.equalsIgnoreCase(JobType.NAME)
        || s.equalsIgnoreCase("Security Scan");
  }

  private static String packageId(Object value, Map<String, String> problems) {
    Object id = value instanceof Map<?, ?> m ? m.get("id") : value;
    if (value != null && !(id instanceof Number || id instanceof String)) {
      problems.put("securityPackage", "must be an object with the package id: {\"id\": 5}");
      return "";
    }
    return id == null ? null : id.toString();
  }

  private static List<String> targets(Map<?, ?> raw, Map<String, String> problems) {
    Object value = raw.get("targets");
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list)) {
      problems.put("targets", "must be a list of {\"refId\": id}");
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    Set<String> kinds = new LinkedHashSet<>();
    if (raw.get("targetType") != null) {
      kinds.add(raw.get("targetType").toString().trim());
    }
    int undeclared = 0;
    for (Object item : list) {
      Object ref = item instanceof Map<?, ?> m ? firstOf(m, "refId", "id") : item;
      if (item instanceof Map<?, ?> m && m.get("targetType") != null) {
        kinds.add(m.get("targetType").toString().trim());
      } else {
        undeclared++;
      }
      ids.add(ref == null ? "" : ref.toString());
    }
    boolean partlyDeclared =
        raw.get("targetType") == null && undeclared > 0 && undeclared < list.size();
    if (kinds.size() > 1 || partlyDeclared) {
      problems.put("targets", "mixes " + kinds + "; a job targets servers or instances, not both");
    }
    return ids;
  }

  /**
   * The kind every target names itself ({@code {"refId": 21, "targetType": "instance"}}) when the
   * body names none, so such targets are never read as the other kind; null otherwise.
   */
  private static String declaredKind(Map<?, ?> raw) {
    if (raw.get("targetType") != null || !(raw.get("targets") instanceof List<?> list)) {
      return null;
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m) || m.get("targetType") == null) {
        return null;
      }
      kinds.add(m.get("targetType").toString().trim());
    }
    return kinds.size() == 1 ? kinds.iterator().next() : null;
  }

  private static Object firstOf(Map<?, ?> m, String... keys) {
    for (String k : keys) {
      if (m.get(k) != null) {
        return m.get(k);
      }
    }
    return null;
  }

  private static JobInput withProblems(JobInput in, Map<String, String> problems) {
    return new JobInput(
        in.name(),
        in.description(),
        in.labels(),
        in.enabled(),
        in.securityPackage(),
        in.scanPath(),
        in.securityProfile(),
        in.scheduleMode(),
        in.dateTime(),
        in.targetType(),
        in.targets(),
        in.timeoutMinutes(),
        in.maxParallel(),
        in.retriesOnTimeout(),
        in.keepMinDays(),
        in.deleteAfterDays(),
        in.targetLabel(),
        problems);
  }
}
