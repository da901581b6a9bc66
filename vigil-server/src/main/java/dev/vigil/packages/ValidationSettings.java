package dev.vigil.packages;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How checklists are validated when a package is indexed.
 *
 * @param oscap the {@code oscap} command on the Vigil host (a name looked up on {@code PATH}, or a
 *     path); {@code none}, or a command that is not there, uses Vigil's own structure check
 * @param timeout the longest one validation may take; past it Vigil's own check decides
 */
@ConfigurationProperties("vigil.packages.validation")
public record ValidationSettings(
    @DefaultValue("oscap") String oscap, @DefaultValue("2m") Duration timeout) {

  public ValidationSettings {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("vigil.packages.validation.timeout must be positive");
    }
  }
}
