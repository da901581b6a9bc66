package dev.vigil.web.executions;

import dev.vigil.shared.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code startDate} / {@code endDate} filter of job execution lists, both inclusive: an
 * ISO-8601 date is that whole day in UTC, an instant is that moment. Read as the half-open range
 * [{@code from}, {@code before}) the repository filters on.
 */
record ExecutionDates(Instant from, Instant before) {

  static final String START = "startDate";
  static final String END = "endDate";
  private static final String FORMAT =
      " must be an ISO-8601 date (2026-11-27, the whole day in UTC) or instant"
          + " (2026-11-27T10:00:00Z)";

  /**
   * Parses the two parameters (null or blank = unbounded); 400 naming each malformed one, or {@code
   * startDate} when it lies after {@code endDate}.
   */
  static ExecutionDates parse(String startDate, String endDate) {
    Map<String, String> errors = new LinkedHashMap<>();
    Instant from = null;
    Instant before = null;
    try {
      from = startOf(startDate);
    } catch (DateTimeException e) {
      errors.put(START, START + FORMAT + ", got '" + startDate.trim() + "'");
    }
    try {
      before = after(endDate);
    } catch (DateTimeException e) {
      errors.put(END, END + FORMAT + ", got '" + endDate.trim() + "'");
    }
    if (errors.isEmpty() && from != null && before != null && !from.isBefore(before)) {
      errors.put(START, START + " must not be after " + END);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors.values().iterator().next(), errors);
    }
    return new ExecutionDates(from, before);
  }

  private static Instant startOf(String v) {
    if (blank(v)) {
      return null;
    }
    String s = v.trim();
    return isDate(s)
        ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
        : OffsetDateTime.parse(s).toInstant();
  }

  /** The first moment after the inclusive end: the next day, or the next stored microsecond. */
  private static Instant after(String v) {
    if (blank(v)) {
      return null;
    }
    String s = v.trim();
    return isDate(s)
        ? LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
        : OffsetDateTime.parse(s)
            .toInstant()
            .truncatedTo(ChronoUnit.MICROS)
            .plus(1, ChronoUnit.MICROS);
  }

  private static boolean isDate(String s) {
    return s.length() == 10 && !s.contains("T");
  }

  private static boolean blank(String v) {
    return v == null || v.isBlank();
  }
}
