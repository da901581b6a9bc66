package dev.vigil.scap.content;

/** The content cannot be read: malformed XML, a DTD, an entity, a limit exceeded. */
public class ScapContentException extends Exception {
  public ScapContentException(String message) {
    super(message);
  }

  public ScapContentException(String message, Throwable cause) {
    super(message, cause);
  }
}
