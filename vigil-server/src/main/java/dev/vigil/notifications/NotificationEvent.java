package dev.vigil.notifications;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What a webhook can be told about; {@link #code()} is the API's word and the X-Vigil-Event. */
public enum NotificationEvent {
  /** A server × (benchmark, profile) pair changed compliance status. */
  COMPLIANCE_STATUS_CHANGED("compliance.status_changed", "Compliance status changed"),
  /** A job execution ended failed. */
  EXECUTION_FAILED("execution.failed", "Execution failed"),
  /** A waiver was requested. */
  WAIVER_REQUESTED("waiver.requested", "Waiver requested"),
  /** A waiver was approved. */
  WAIVER_APPROVED("waiver.approved", "Waiver approved"),
  /** An approved waiver expires within the warning period (7 days). */
  WAIVER_EXPIRING("waiver.expiring", "Waiver expiring");

  private final String code;
  private final String label;

  NotificationEvent(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** The event with this code (case-insensitive), or null. */
  public static @Nullable NotificationEvent fromCode(@Nullable String code) {
    if (code == null) {
      return null;
    }
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (NotificationEvent e : values()) {
      if (e.code.equals(c)) {
        return e;
      }
    }
    return null;
  }
}
