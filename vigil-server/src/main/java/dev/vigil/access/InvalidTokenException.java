package dev.vigil.access;

/** A presented token is unknown, expired or revoked; the message says which. */
public class InvalidTokenException extends RuntimeException {
  public InvalidTokenException(String message) {
    super(message);
  }
}
