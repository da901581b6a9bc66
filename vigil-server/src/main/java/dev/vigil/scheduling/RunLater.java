package dev.vigil.scheduling;

import java.time.Duration;

/**
 * Thrown by a {@link TaskHandler} that cannot run its task now (e.g. this node is at its limit of
 * concurrent scans): the task stays queued and runs again after {@code delay}, on any node.
 */
public final class RunLater extends RuntimeException {

  private final transient Duration delay;

  public RunLater(Duration delay, String why) {
    super(why, null, false, false);
    this.delay = delay;
  }

  /** How long to wait before the next try. */
  public Duration delay() {
    return delay;
  }
}
