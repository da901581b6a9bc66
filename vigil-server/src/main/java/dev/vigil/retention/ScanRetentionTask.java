package dev.vigil.retention;

import dev.vigil.scheduling.RecurringHandler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The recurring purge ({@code scan-purge}), one node of the cluster at a time. */
@Component
class ScanRetentionTask implements RecurringHandler {

  static final String TASK = "scan-purge";
  private static final Logger log = LoggerFactory.getLogger(ScanRetentionTask.class);

  private final ScanRetention retention;
  private final ScanRetentionSettings settings;

  ScanRetentionTask(ScanRetention retention, ScanRetentionSettings settings) {
    this.retention = retention;
    this.settings = settings;
  }

  @Override
  public String taskName() {
    return TASK;
  }

  @Override
  public Duration interval() {
    return settings.purgeInterval();
  }

  @Override
  public void run() {
    try {
      retention.purge();
    } catch (RuntimeException e) {
      log.warn("scan purge failed; it runs again in {}", settings.purgeInterval(), e);
    }
  }
}
