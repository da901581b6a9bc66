package dev.vigil.access;

import java.util.Map;

/** Fields of a role create or update; null means "not given" (kept on update). */
record RoleRequest(
    String name, String authority, String description, Map<String, String> permissions) {

  /** The name, falling back to Morpheus's {@code authority}. */
  String effectiveName() {
    return name != null ? name : authority;
  }

  /** The request body {@code {"role": {...}}}. */
  record Body(RoleRequest role) {}
}
