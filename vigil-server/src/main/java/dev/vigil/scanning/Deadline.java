package dev.vigil.scanning;

import java.time.Duration;

/**
 * When a running command is killed: a limit counted from a moment, which the command's reader may
 * move as the command goes from one step to the next (a scan script gets the step limit for its
 * checks, the scan timeout once oscap starts, the step limit again for the results).
 */
final class Deadline {

  private static final long MAX_SLICE_NANOS = Duration.ofMillis(250).toNanos();

  private volatile long atNanos;
  private volatile Duration limit;

  private Deadline(Duration limit) {
    reset(limit);
  }

  /** A deadline {@code limit} from now. */
  static Deadline after(Duration limit) {
    return new Deadline(limit);
  }

  /** From now on, the command has {@code next} to go. */
  void reset(Duration next) {
    limit = next;
    atNanos = System.nanoTime() + next.toNanos();
  }

  /** The limit last set, for messages. */
  Duration limit() {
    return limit;
  }

  /**
   * How long to wait before looking at the deadline again, in whole milliseconds (a zero wait means
   * "forever" to MINA); zero once less than a millisecond is left.
   */
  Duration nextWait() {
    long left = Math.min(atNanos - System.nanoTime(), MAX_SLICE_NANOS);
    return Duration.ofMillis(Math.max(0, left / 1_000_000));
  }
}
