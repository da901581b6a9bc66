package dev.vigil.firing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of scheduled job firing.
 *
 * @param tickInterval how long after one look at the scheduled jobs the next one starts
 * @param keptFires how many of the latest fires are kept per job
 */
@ConfigurationProperties("vigil.firing")
public record FiringSettings(
    @DefaultValue("10s") Duration tickInterval, @DefaultValue("100") int keptFires) {

  public FiringSettings {
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("vigil.firing.tick-interval must be positive");
    }
    if (keptFires < 1) {
      throw new IllegalArgumentException("vigil.firing.kept-fires must be at least 1");
    }
  }
}
