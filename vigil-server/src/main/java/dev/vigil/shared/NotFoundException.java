package dev.vigil.shared;

import org.jspecify.annotations.Nullable;

/** A record asked for by id does not exist: HTTP 404 with "{label} not found". */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String label, @Nullable Object id) {
    super(label + " not found" + (id == null ? "" : " (id " + id + ")"));
  }
}
