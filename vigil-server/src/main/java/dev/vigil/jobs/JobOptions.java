package dev.vigil.jobs;

/**
 * Vigil's run options of a job: minutes each target may take, how many targets run at once and how
 * often a timed-out target is tried again.
 */
public record JobOptions(int timeoutMinutes, int maxParallel, int retriesOnTimeout) {

  public static final int DEFAULT_TIMEOUT_MINUTES = 30;
  public static final int MAX_TIMEOUT_MINUTES = 1440;
  public static final int DEFAULT_MAX_PARALLEL = 10;
  public static final int MAX_MAX_PARALLEL = 500;
  public static final int DEFAULT_RETRIES = 0;
  public static final int MAX_RETRIES = 5;

  /** The defaults: 30 minutes, 10 at once, no retries. */
  public static JobOptions defaults() {
    return new JobOptions(DEFAULT_TIMEOUT_MINUTES, DEFAULT_MAX_PARALLEL, DEFAULT_RETRIES);
  }
}
