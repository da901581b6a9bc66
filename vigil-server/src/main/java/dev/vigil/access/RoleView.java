package dev.vigil.access;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A role as the API shows it; {@code authority} repeats the name as Morpheus does. */
public record RoleView(
    long id,
    String name,
    String authority,
    @Nullable String description,
    boolean builtIn,
    Map<String, String> permissions) {

  public static RoleView of(Role r) {
    return new RoleView(
        r.id(), r.name(), r.name(), r.description(), r.builtIn(), r.permissionCodes());
  }
}
