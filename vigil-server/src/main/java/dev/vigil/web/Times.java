package dev.vigil.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * Times as pages print them: {@code 2026-12-07 09:00:05 UTC}, never raw ISO. Pages put the instant
 * in a {@code <time datetime>} too, which the page script shows in the browser's zone; this text is
 * what a reader without JavaScript sees. Templates call it as {@code ${@times.text(x)}}.
 */
@Component("times")
public class Times {

  private static final DateTimeFormatter TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

  /** The time in words of a page; "" for null; anything else as its string. */
  public String text(Object time) {
    if (time == null) {
      return "";
    }
    if (time instanceof Instant i) {
      return utc(i);
    }
    if (time instanceof OffsetDateTime o) {
      return utc(o.toInstant());
    }
    String s = time.toString();
    try {
      return utc(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      return s;
    }
  }

  /** {@code 2026-12-07 09:00:05 UTC}; "" for null. */
  public static String utc(Instant i) {
    return i == null ? "" : TEXT.format(i.atOffset(ZoneOffset.UTC));
  }
}
