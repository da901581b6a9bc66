package dev.vigil.web;

/** {@code {"success": true, "msg": "..."}}: a change whose answer is a sentence for the user. */
public record SuccessMessage(boolean success, String msg) {

  public static SuccessMessage of(String msg) {
    return new SuccessMessage(true, msg);
  }
}
