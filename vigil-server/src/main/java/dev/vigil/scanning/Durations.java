package dev.vigil.scanning;

import java.math.BigDecimal;
import java.time.Duration;

/** Formats durations for failure messages. */
final class Durations {

  private Durations() {}

  /** {@code 5 s}, {@code 0.25 s}. */
  static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }
}
