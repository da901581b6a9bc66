package dev.vigil.web;

/** The request is valid but the current state forbids it (in use, already running): HTTP 409. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
