package dev.vigil.schedules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week) in a time zone, with its
 * fire times across daylight-saving changes handled as cron does: an expression with a wildcard
 * minute or hour follows elapsed time, a fixed-time one fires once per wall-clock match (once in a
 * repeated hour; shifted forward by the gap when its time is skipped).
 */
public final class CronSchedule {

  public static final String DEFAULT_CRON = "0 0 * * *";
  public static final String DEFAULT_ZONE = "UTC";
  static final String FIELDS_MESSAGE =
      "cron must have 5 fields: minute hour day-of-month month day-of-week";

  /** Where the search for a first fire starts when an expression is checked (a leap year). */
  private static final ZonedDateTime NEVER_FIRES_PROBE =
      ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

  private final String cron;
  private final CronExpression expression;
  private final ZoneId zone;
  private final boolean elapsed;

  private CronSchedule(String cron, CronExpression expression, ZoneId zone) {
    this.cron = cron;
    this.expression = expression;
    this.zone = zone;
    String[] fields = cron.split(" ");
    this.elapsed = fields[0].contains("*") || fields[1].contains("*");
  }

  /** Parses {@code cron} in {@code zoneId}; throws IllegalArgumentException naming the problem. */
  public static CronSchedule of(String cron, @Nullable String zoneId) {
    String normalized = normalize(cron);
    return new CronSchedule(normalized, parse(normalized), zone(zoneId));
  }

  /** The expression with single spaces, or IllegalArgumentException with a readable reason. */
  public static String normalize(@Nullable String cron) {
    String trimmed = cron == null ? "" : cron.trim();
    String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(FIELDS_MESSAGE);
    }
    String normalized = String.join(" ", fields);
    parse(normalized);
    return normalized;
  }

  /**
   * {@link #normalize} for new input: also refuses an expression that never fires (no date matches
   * its day-of-month, month and day-of-week, such as {@code 0 0 30 2 *}). Stored schedules are read
   * with {@link #of} and simply have no fire time.
   */
  public static String normalizeFiring(String cron) {
    String normalized = normalize(cron);
    if (parse(normalized).next(NEVER_FIRES_PROBE) == null) {
      throw new IllegalArgumentException(
          "cron '"
              + normalized
              + "' never fires: no date matches its day-of-month, month and day-of-week");
    }
    return normalized;
  }

  /** The zone named {@code id}, or IllegalArgumentException "unknown time zone 'X'". */
  public static ZoneId zone(@Nullable String id) {
    try {
      return ZoneId.of(id == null ? "" : id.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + id + "'");
    }
  }

  private static CronExpression parse(String fiveFields) {
    try {
      return CronExpression.parse("0 " + fiveFields);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cron: " + reason(e.getMessage()));
    }
  }

  private static String reason(@Nullable String message) {
    if (message == null) {
      return "not a cron expression";
    }
    int suffix = message.indexOf(" in cron expression \"");
    return suffix < 0 ? message : message.substring(0, suffix);
  }

  public String cron() {
    return cron;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first fire time strictly after {@code after}; empty when the expression never fires. */
  public Optional<Instant> next(Instant after) {
    if (elapsed) {
      ZonedDateTime z = expression.next(after.atZone(zone));
      return Optional.ofNullable(z).map(ZonedDateTime::toInstant);
    }
    LocalDateTime local = after.atZone(zone).toLocalDateTime();
    while (true) {
      LocalDateTime candidate = expression.next(local);
      if (candidate == null) {
        return Optional.empty();
      }
      Instant at = ZonedDateTime.ofLocal(candidate, zone, null).toInstant();
      if (at.isAfter(after)) {
        return Optional.of(at);
      }
      local = candidate;
    }
  }

  /** Up to {@code n} fire times after {@code after}, in order. */
  public List<Instant> next(Instant after, int n) {
    List<Instant> out = new ArrayList<>(n);
    Instant from = after;
    while (out.size() < n) {
      Optional<Instant> next = next(from);
      if (next.isEmpty()) {
        break;
      }
      out.add(next.get());
      from = next.get();
    }
    return out;
  }
}
