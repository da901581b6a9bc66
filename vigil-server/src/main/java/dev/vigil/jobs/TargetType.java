package dev.vigil.jobs;

import java.util.Locale;

/** What a scan job targets: servers, or instances (expanded to their servers when it runs). */
public enum TargetType {
  SERVER("Server"),
  INSTANCE("Instance");

  private final String label;

  TargetType(String label) {
    this.label = label;
  }

  /** The API value: {@code server} or {@code instance}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return label;
  }

  /** The type with this API value, or null when it is none of them. */
  public static TargetType fromCode(String code) {
    for (TargetType t : values()) {
      if (t.code().equals(code)) {
        return t;
      }
    }
    return null;
  }
}
