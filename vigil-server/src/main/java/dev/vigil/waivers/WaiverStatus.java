package dev.vigil.waivers;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a waiver stands. Requested, approved, rejected and revoked are stored; expired is what a
 * requested or approved waiver becomes once the clock passes its expiry, without any write.
 */
public enum WaiverStatus {
  REQUESTED("Requested"),
  APPROVED("Approved"),
  REJECTED("Rejected"),
  REVOKED("Revoked"),
  EXPIRED("Expired");

  private final String label;

  WaiverStatus(String label) {
    this.label = label;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return label;
  }

  /** The status with this code, or null when it names none. */
  public static @Nullable WaiverStatus ofCode(@Nullable String code) {
    for (WaiverStatus s : values()) {
      if (s.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
        return s;
      }
    }
    return null;
  }
}
