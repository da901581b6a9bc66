package dev.vigil.access;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** A feature area a role grants one of the area's own {@link Level}s on. */
public enum Permission {
  /** "Security: Scanning": security packages, scan jobs, executions, scan results. */
  SECURITY_SCANNING("security-scanning", "Security: Scanning", Level.READ, Level.FULL),
  /** Servers, instances, credentials. */
  INFRASTRUCTURE("infrastructure", "Infrastructure", Level.READ, Level.FULL),
  /** Users and roles. */
  ADMIN("admin", "Administration: Users and Roles", Level.READ, Level.FULL),
  /** "Security: Waivers": accepted failures; request, and approve what another user requested. */
  SECURITY_WAIVERS(
      "security-waivers", "Security: Waivers", Level.READ, Level.REQUEST, Level.APPROVE),
  /** "Security: Remediation": fixes; run them, and approve what runs. */
  SECURITY_REMEDIATION(
      "security-remediation", "Security: Remediation", Level.READ, Level.RUN, Level.APPROVE);

  private final String code;
  private final String label;
  private final List<Level> levels;

  Permission(String code, String label, Level... aboveNone) {
    this.code = code;
    this.label = label;
    this.levels = Stream.concat(Stream.of(Level.NONE), Arrays.stream(aboveNone)).toList();
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** The levels this permission accepts, lowest first; always starts with {@link Level#NONE}. */
  public List<Level> levels() {
    return levels;
  }

  /** The highest level of this permission. */
  public Level top() {
    return levels.get(levels.size() - 1);
  }

  public boolean accepts(Level level) {
    return levels.contains(level);
  }

  /** The accepted level codes joined for messages: {@code none, read, request or approve}. */
  public String levelCodes() {
    List<String> codes = levels.stream().map(Level::code).toList();
    return String.join(", ", codes.subList(0, codes.size() - 1))
        + " or "
        + codes.get(codes.size() - 1);
  }

  /**
   * This permission's level with {@code code}.
   *
   * @throws IllegalArgumentException naming the code and the accepted ones when it is not one of
   *     this permission's levels
   */
  public Level level(@Nullable String code) {
    String given = code == null ? "" : code.trim();
    for (Level l : levels) {
      if (l.code().equalsIgnoreCase(given)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "'" + given + "' is not a level of " + this.code + ": must be " + levelCodes());
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
