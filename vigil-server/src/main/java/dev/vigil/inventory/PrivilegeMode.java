package dev.vigil.inventory;

import java.util.Arrays;
import java.util.Optional;

/** How a scan gets root on a server: it logs in as root, or uses passwordless sudo. */
public enum PrivilegeMode {
  ROOT("root"),
  SUDO("sudo");

  private final String code;

  PrivilegeMode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<PrivilegeMode> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }
}
