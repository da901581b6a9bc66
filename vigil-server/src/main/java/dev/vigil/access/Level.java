package dev.vigil.access;

import java.util.Locale;

/** How much a role may do in a {@link Permission}'s area: nothing, look, or change. */
public enum Level {
  NONE,
  READ,
  FULL;

  /** True when this level allows what {@code required} allows. */
  public boolean allows(Level required) {
    return compareTo(required) >= 0;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The level with this code ({@code none}, {@code read}, {@code full}), case-insensitive. */
  public static Level fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }
}
