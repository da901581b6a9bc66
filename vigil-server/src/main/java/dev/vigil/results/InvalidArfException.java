package dev.vigil.results;

/** An ARF that cannot be recorded (a DOCTYPE, not well-formed); nothing of its scan is written. */
public class InvalidArfException extends RuntimeException {
  public InvalidArfException(String message, Throwable cause) {
    super(message, cause);
  }
}
