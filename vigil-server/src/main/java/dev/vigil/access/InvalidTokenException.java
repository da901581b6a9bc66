package dev.vigil.access;

/** A presented token is unknown, expired or revoked; the message says which. */
class InvalidTokenException extends RuntimeException {
  InvalidTokenException(String message) {
    super(message);
  }
}
