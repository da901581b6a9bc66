package dev.vigil.compliance;

import java.time.LocalDate;

/**
 * One UTC day of the fleet: how many servers were scanned that day, and of them how many were
 * compliant and how many non-compliant by the worst verdict of the day's last scan of each
 * (benchmark, profile); the others erred, checked nothing or found nothing applicable.
 */
public record ComplianceDay(LocalDate day, int scanned, int compliant, int nonCompliant) {

  /** Scanned servers neither compliant nor non-compliant that day. */
  public int other() {
    return scanned - compliant - nonCompliant;
  }

  /** The compliant share in percent, null on a day without scans. */
  public Double percent() {
    return scanned == 0 ? null : 100.0 * compliant / scanned;
  }
}
