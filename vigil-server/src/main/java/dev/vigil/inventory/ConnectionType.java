package dev.vigil.inventory;

import java.util.Arrays;
import java.util.Optional;

/** How Vigil reaches a server: over SSH, or as local processes on the Vigil host itself. */
public enum ConnectionType {
  SSH("ssh"),
  LOCAL("local");

  private final String code;

  ConnectionType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<ConnectionType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
  }
}
