package dev.vigil.jobs;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a scan job targets: servers, instances (expanded to their servers when it runs), or every
 * server or instance carrying a label (resolved when an execution starts).
 */
public enum TargetType {
  SERVER("Server"),
  INSTANCE("Instance"),
  SERVER_LABEL("Server label"),
  INSTANCE_LABEL("Instance label");

  private final String label;

  TargetType(String label) {
    this.label = label;
  }

  /**
   * The API value: {@code server}, {@code instance}, {@code server-label}, {@code instance-label}.
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True when the job names a label instead of listing its targets. */
  public boolean byLabel() {
    return this == SERVER_LABEL || this == INSTANCE_LABEL;
  }

  public String label() {
    return label;
  }

  /** The type with this API value, or null when it is none of them. */
  public static @Nullable TargetType fromCode(String code) {
    for (TargetType t : values()) {
      if (t.code().equals(code)) {
        return t;
      }
    }
    return null;
  }
}
