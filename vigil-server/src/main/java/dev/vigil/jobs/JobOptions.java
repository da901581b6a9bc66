package dev.vigil.jobs;

import org.jspecify.annotations.Nullable;

/**
 * Vigil's run options of a job: minutes each target may take, how many targets run at once, how
 * often a timed-out target is tried again, and how long its scans are kept: at least {@code
 * keepMinDays} days (a scan cannot be deleted before), and deleted after {@code deleteAfterDays}
 * days (null: never).
 */
public record JobOptions(
    int timeoutMinutes,
    int maxParallel,
    int retriesOnTimeout,
    int keepMinDays,
    @Nullable Integer deleteAfterDays) {

  public static final int DEFAULT_TIMEOUT_MINUTES = 30;
  public static final int MAX_TIMEOUT_MINUTES = 1440;
  public static final int DEFAULT_MAX_PARALLEL = 10;
  public static final int MAX_MAX_PARALLEL = 500;
  public static final int DEFAULT_RETRIES = 0;
  public static final int MAX_RETRIES = 5;
  public static final int DEFAULT_KEEP_MIN_DAYS = 90;
  public static final int MAX_KEEP_MIN_DAYS = 3650;
  public static final int DEFAULT_DELETE_AFTER_DAYS = 365;
  public static final int MAX_DELETE_AFTER_DAYS = 36500;

  /** Run options with the default retention (keep 90 days, delete after 365). */
  public JobOptions(int timeoutMinutes, int maxParallel, int retriesOnTimeout) {
    this(
        timeoutMinutes,
        maxParallel,
        retriesOnTimeout,
        DEFAULT_KEEP_MIN_DAYS,
        DEFAULT_DELETE_AFTER_DAYS);
  }

  /** The defaults: 30 minutes, 10 at once, no retries, keep 90 days, delete after 365. */
  public static JobOptions defaults() {
    return new JobOptions(DEFAULT_TIMEOUT_MINUTES, DEFAULT_MAX_PARALLEL, DEFAULT_RETRIES);
  }

  /** "keep 90 days, delete after 365 days" or "…, never delete". */
  public String retentionText() {
    return "keep "
        + days(keepMinDays)
        + (deleteAfterDays == null ? ", never delete" : ", delete after " + days(deleteAfterDays));
  }

  private static String days(int n) {
    return n + (n == 1 ? " day" : " days");
  }
}
