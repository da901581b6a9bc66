package dev.vigil.waivers;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a waiver covers: one server, the servers of an instance, the servers carrying a label, or
 * the targets of a job. Membership is resolved whenever compliance is computed, so a server that
 * joins the instance, gains the label or becomes a job target later is covered.
 */
public enum WaiverScopeType {
  SERVER("server", "Server"),
  INSTANCE("instance", "Instance"),
  SERVER_LABEL("server-label", "Server label"),
  JOB("job", "Job");

  private final String code;
  private final String label;

  WaiverScopeType(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** The type with this code, or null. */
  public static @Nullable WaiverScopeType ofCode(@Nullable String code) {
    for (WaiverScopeType t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    return null;
  }

  /** {@code server, instance, server-label, job}. */
  public static String codes() {
    return Arrays.stream(values()).map(WaiverScopeType::code).collect(Collectors.joining(", "));
  }
}
