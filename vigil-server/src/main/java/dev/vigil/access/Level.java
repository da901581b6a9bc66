package dev.vigil.access;

import java.util.Locale;

/**
 * How much a role may do in a {@link Permission}'s area. Each permission accepts its own ordered
 * set of levels ({@link Permission#levels()}): {@code none/read/full} for most, {@code
 * none/read/request/approve} for waivers, {@code none/read/run/approve} for remediation. Levels
 * compare by rank, and only levels of the same permission are ever compared: a higher rank allows
 * everything a lower one does.
 */
public enum Level {
  NONE(0, "None"),
  READ(1, "Read"),
  /** Ask for something another user approves (waivers). */
  REQUEST(2, "Request"),
  /** Carry something out, within what was approved (remediation). */
  RUN(2, "Run"),
  /** Change everything in the area (scanning, infrastructure, administration). */
  FULL(2, "Full"),
  /** Decide on what others requested or ran (waivers, remediation). */
  APPROVE(3, "Approve");

  private final int rank;
  private final String label;

  Level(int rank, String label) {
    this.rank = rank;
    this.label = label;
  }

  /** True when this level allows what {@code required} allows (same permission). */
  public boolean allows(Level required) {
    return rank >= required.rank;
  }

  public int rank() {
    return rank;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The word pages show: None, Read, Request, Run, Full, Approve. */
  public String label() {
    return label;
  }

  /** The level with this code (e.g. {@code none}, {@code approve}), case-insensitive. */
  public static Level fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
