package dev.vigil.retention;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retention settings that would delete scans before they may be, or never purge, are refused. */
class ScanRetentionSettingsTest {

  private static final Duration HOUR = Duration.ofHours(1);

  @Test
  void refusesDefaultsOutOfOrderOrOutOfRange() {
    assertThatThrownBy(() -> new ScanRetentionSettings(HOUR, 90, 89, 500, 1000))
        .hasMessageContaining("default-delete-after-days must be from default-keep-min-days (90)");
    assertThatThrownBy(() -> new ScanRetentionSettings(HOUR, 0, 365, 500, 1000))
        .hasMessageContaining("default-keep-min-days");
    assertThatThrownBy(() -> new ScanRetentionSettings(HOUR, 90, 36501, 500, 1000))
        .hasMessageContaining("default-delete-after-days");
    assertThatThrownBy(() -> new ScanRetentionSettings(Duration.ZERO, 90, 365, 500, 1000))
        .hasMessageContaining("purge-interval");
    assertThatThrownBy(() -> new ScanRetentionSettings(HOUR, 90, 365, 0, 1000))
        .hasMessageContaining("batch-size");
    assertThatThrownBy(() -> new ScanRetentionSettings(HOUR, 90, 365, 500, 0))
        .hasMessageContaining("kept-purges");
  }
}
