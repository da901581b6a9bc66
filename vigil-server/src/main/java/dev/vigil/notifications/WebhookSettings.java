package dev.vigil.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Webhook delivery and the notification sweep.
 *
 * @param allowPrivateAddresses true allows loopback, link-local and private network addresses in
 *     webhook URLs (refused by default, as for package URLs)
 * @param connectTimeout longest wait for a receiver's connection
 * @param readTimeout longest wait for a receiver's response (its headers)
 * @param responseLimit most bytes of a response body read (the rest is never read)
 * @param maxAttempts attempts of one delivery before it is given up as failed
 * @param retryBackoff wait before the second attempt; doubled for each further one
 * @param maxBackoff longest wait between two attempts
 * @param maxConcurrent deliveries one node sends at once (the others wait their turn), so slow
 *     receivers never hold the scheduler threads that scans need
 * @param checkInterval how often one node of the cluster checks the servers a scan or a failed run
 *     marked for a compliance status change (the longest a change waits for its notification)
 * @param sweepInterval how often one node of the cluster looks for status changes no scan brought
 *     (a pair going stale, a failed run, a waiver expiring)
 * @param waiverWarning how long before an approved waiver expires {@code waiver.expiring} is sent
 * @param keepDeliveries how long ended deliveries stay in the log
 */
@ConfigurationProperties("vigil.webhooks")
public record WebhookSettings(
    @DefaultValue("false") boolean allowPrivateAddresses,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout,
    @DefaultValue("4KB") DataSize responseLimit,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("30s") Duration retryBackoff,
    @DefaultValue("1h") Duration maxBackoff,
    @DefaultValue("4") int maxConcurrent,
    @DefaultValue("2s") Duration checkInterval,
    @DefaultValue("1m") Duration sweepInterval,
    @DefaultValue("7d") Duration waiverWarning,
    @DefaultValue("30d") Duration keepDeliveries) {

  /** The wait after attempt {@code n} (1-based) failed: backoff × 2^(n−1), at most the maximum. */
  public Duration backoffAfter(int attempt) {
    long factor = 1L << Math.min(30, Math.max(0, attempt - 1));
    Duration d = retryBackoff.multipliedBy(factor);
    return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
  }
}
