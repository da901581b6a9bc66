package dev.vigil.compliance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a server's latest scan counts as stale.
 *
 * @param staleAfter how old the latest scan may be when no schedule says how often it comes: scans
 *     outside a job, manual and date-time jobs, jobs whose schedule is gone or never fires again
 * @param staleGrace added to a scheduled job's interval (the time between its next two fires), so a
 *     scan that comes a little late is not stale yet
 */
@ConfigurationProperties("vigil.results")
public record ComplianceSettings(
    @DefaultValue("7d") Duration staleAfter, @DefaultValue("1h") Duration staleGrace) {

  public ComplianceSettings {
    if (staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("vigil.results.stale-after must be positive");
    }
    if (staleGrace.isNegative()) {
      throw new IllegalArgumentException("vigil.results.stale-grace must be 0 or more");
    }
  }
}
