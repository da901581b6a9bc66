package dev.vigil.results;

import java.time.LocalDate;

/**
 * One UTC day of the fleet: how many servers were scanned that day and how many of them had no
 * failing rule in the day's last scan of each profile.
 */
public record ComplianceDay(LocalDate day, int scanned, int passing) {

  /** The passing share in percent, null on a day without scans. */
  public Double percent() {
    return scanned == 0 ? null : 100.0 * passing / scanned;
  }
}
