package dev.vigil.web.schedules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** One upcoming fire time as the pages show it: in the schedule's zone and in UTC. */
record FireTime(String local, String utc) {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z (xxx)", Locale.ENGLISH);

  static List<FireTime> of(List<Instant> fires, ZoneId zone) {
    return fires.stream()
        .map(t -> new FireTime(LOCAL.format(t.atZone(zone)), t.toString()))
        .toList();
  }
}
