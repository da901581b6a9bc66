package dev.vigil.access;

/** A feature area a role grants a {@link Level} on. */
public enum Permission {
  /** "Security: Scanning": security packages, scan jobs, executions, scan results. */
  SECURITY_SCANNING("security-scanning", "Security: Scanning"),
  /** Servers, instances, credentials. */
  INFRASTRUCTURE("infrastructure", "Infrastructure"),
  /** Users and roles. */
  ADMIN("admin", "Administration: Users and Roles");

  private final String code;
  private final String label;

  Permission(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** The permission with this code, e.g. {@code security-scanning}. */
  public static Permission fromCode(String code) {
    for (Permission p : values()) {
      if (p.code.equals(code)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown permission: " + code);
  }
}
