package dev.vigil.access;

import java.util.List;

/** Fields of a user create or update; null means "not given" (kept on update). */
record UserRequest(
    String username,
    String displayName,
    String email,
    String password,
    Boolean enabled,
    List<IdRef> roles) {

  /** A reference to a record by id: {@code {"id": 3}}. */
  record IdRef(Long id) {}

  /** The request body {@code {"user": {...}}}. */
  record Body(UserRequest user) {}
}
