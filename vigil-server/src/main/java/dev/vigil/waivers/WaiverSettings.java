package dev.vigil.waivers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Waiver limits.
 *
 * @param maxDuration how far after its request a waiver may expire at most
 */
@ConfigurationProperties("vigil.waivers")
public record WaiverSettings(@DefaultValue("365d") Duration maxDuration) {

  public WaiverSettings {
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("vigil.waivers.max-duration must be positive");
    }
  }
}
