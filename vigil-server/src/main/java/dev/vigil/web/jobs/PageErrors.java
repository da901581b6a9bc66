package dev.vigil.web.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job form's field errors in the words of the page: one style ("Label: message") and the API's
 * field names ({@code scheduleMode}, {@code keepMinDays} …) and codes replaced by what the form
 * calls them. The API keeps its own messages; only pages read these.
 */
final class PageErrors {

  static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("type", "Type");
    LABELS.put("name", "Name");
    LABELS.put("securityPackage", "Security Package");
    LABELS.put("scanPath", "Scan Checklist");
    LABELS.put("securityProfile", "Security Profile");
    LABELS.put("scheduleMode", "Schedule");
    LABELS.put("dateTime", "Date and time");
    LABELS.put("timeZone", "Time zone");
    LABELS.put("targetType", "Context");
    LABELS.put("targets", "Targets");
    LABELS.put("timeoutMinutes", "Timeout per target");
    LABELS.put("maxParallel", "Max parallel targets");
    LABELS.put("retriesOnTimeout", "Retries on timeout");
    LABELS.put("keepMinDays", "Keep scans at least");
    LABELS.put("deleteAfterDays", "Delete scans after");
    LABELS.put("description", "Description");
    LABELS.put("labels", "Labels");
  }

  /** Whole messages the API words for programs, and what a person reads instead. */
  private static final Map<String, String> SENTENCES =
      Map.of(
          "is required when scheduleMode is dateTime",
          "is required for the Date and Time schedule",
          "must be an ISO-8601 date and time in UTC, like 2025-02-15T05:00:00Z",
          "must be a date and time, like 2025-02-15 05:00");

  private static final Pattern NAMES =
      Pattern.compile(
          "\\b(scheduleMode|dateTime|timeZone|targetType|securityPackage|scanPath|securityProfile"
              + "|timeoutMinutes|maxParallel|retriesOnTimeout|keepMinDays|deleteAfterDays)\\b");

  private PageErrors() {}

  /** Each error as "Label: message" with the API's field names in the form's words. */
  static Map<String, String> of(Map<String, String> errors) {
    Map<String, String> out = new LinkedHashMap<>();
    errors.forEach((field, msg) -> out.put(field, label(field) + ": " + words(msg)));
    return out;
  }

  static String label(String field) {
    return LABELS.getOrDefault(field, field);
  }

  /** The message with field names and codes as the page names them. */
  static String words(String msg) {
    if (msg == null) {
      return "";
    }
    String m = SENTENCES.getOrDefault(msg, msg);
    m =
        m.replace(
            "must be manual, dateTime or an execute schedule id",
            "must be Manual, Date and Time or an execute schedule");
    m = m.replace("must be a list of server ids", "must be servers from the list");
    m = m.replace("must be a list of instance ids", "must be instances from the list");
    Matcher x = NAMES.matcher(m);
    StringBuilder sb = new StringBuilder();
    while (x.find()) {
      x.appendReplacement(sb, Matcher.quoteReplacement("“" + label(x.group(1)) + "”"));
    }
    x.appendTail(sb);
    return sb.toString();
  }
}
