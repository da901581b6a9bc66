package dev.vigil.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of scan retention.
 *
 * @param purgeInterval how long after one purge run the next one starts (one node at a time)
 * @param defaultKeepMinDays days a scan without a job (never had one, or its job was deleted) is
 *     kept at least
 * @param defaultDeleteAfterDays days after which a scan without a job is deleted
 * @param batchSize scans deleted per transaction
 * @param keptPurges purge records kept; older ones are deleted
 */
@ConfigurationProperties("vigil.retention")
public record ScanRetentionSettings(
    @DefaultValue("1h") Duration purgeInterval,
    @DefaultValue("90") int defaultKeepMinDays,
    @DefaultValue("365") int defaultDeleteAfterDays,
    @DefaultValue("500") int batchSize,
    @DefaultValue("1000") int keptPurges) {

  public ScanRetentionSettings {
    if (purgeInterval.isNegative() || purgeInterval.isZero()) {
      throw new IllegalArgumentException("vigil.retention.purge-interval must be positive");
    }
    if (defaultKeepMinDays < 1 || defaultKeepMinDays > 3650) {
      throw new IllegalArgumentException(
          "vigil.retention.default-keep-min-days must be from 1 to 3650");
    }
    if (defaultDeleteAfterDays < defaultKeepMinDays || defaultDeleteAfterDays > 36500) {
      throw new IllegalArgumentException(
          "vigil.retention.default-delete-after-days must be from default-keep-min-days ("
              + defaultKeepMinDays
              + ") to 36500");
    }
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("vigil.retention.batch-size must be from 1 to 10000");
    }
    if (keptPurges < 1) {
      throw new IllegalArgumentException("vigil.retention.kept-purges must be at least 1");
    }
  }
}
