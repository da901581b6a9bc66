package dev.vigil.access;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A level for every permission; a user's grants are the maximum over their roles. */
public record Grants(Map<Permission, Level> levels) {

  public Grants {
    EnumMap<Permission, Level> all = new EnumMap<>(Permission.class);
    for (Permission p : Permission.values()) {
      all.put(p, levels.getOrDefault(p, Level.NONE));
    }
    levels = Map.copyOf(all);
  }

  public static Grants none() {
    return new Grants(Map.of());
  }

  static Grants maxOf(Collection<Grants> grants) {
    EnumMap<Permission, Level> max = new EnumMap<>(Permission.class);
    for (Grants g : grants) {
      g.levels.forEach((p, l) -> max.merge(p, l, (a, b) -> a.allows(b) ? a : b));
    }
    return new Grants(max);
  }

  public Level level(Permission permission) {
    Level level = levels.get(permission);
    if (level == null) {
      throw new IllegalStateException("grants without a level of " + permission.code());
    }
    return level;
  }

  /** Permission code to level code, in declaration order: {@code {"security-scanning":"full"}}. */
  public Map<String, String> codes() {
    Map<String, String> codes = new LinkedHashMap<>();
    for (Permission p : Permission.values()) {
      codes.put(p.code(), level(p).code());
    }
    return codes;
  }
}
