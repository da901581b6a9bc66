package dev.vigil.web;

/**
 * A request refused by a rule the user must read (in use, kept until): HTTP 400 with the message,
 * because Morpheus clients print {@code msg} only for 400 and 404; pages show it like a conflict.
 */
public class RefusedException extends ConflictException {
  public RefusedException(String message) {
    super(message);
  }
}
