package dev.vigil.web;

/** The answer of a change that returns no record: {@code {"success": true}}. */
public record Success(boolean success) {

  public static final Success OK = new Success(true);
}
