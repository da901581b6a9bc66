package dev.vigil.packages;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Tracks when a download started and last received bytes, to enforce idle and total timeouts. */
final class Progress {

  private final long started = System.nanoTime();
  private volatile long lastActivity = started;

  private volatile boolean stopped;

  /** Marks the download as abandoned: a response arriving later must not write anything. */
  void stop() {
    stopped = true;
  }

  boolean isStopped() {
    return stopped;
  }

  void touch() {
    lastActivity = System.nanoTime();
  }

  /** Why the download must stop now, or null while it is within both timeouts. */
  @Nullable String overdue(Duration idleTimeout, Duration totalTimeout) {
    long now = System.nanoTime();
    if (now - started > totalTimeout.toNanos()) {
      return "download took longer than " + Sizes.duration(totalTimeout);
    }
    if (now - lastActivity > idleTimeout.toNanos()) {
      return "no response data for " + Sizes.duration(idleTimeout);
    }
    return null;
  }
}
