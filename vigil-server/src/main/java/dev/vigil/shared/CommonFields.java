package dev.vigil.shared;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Checks of the fields every named record has (name, description), with the same messages. */
public final class CommonFields {

  private CommonFields() {}

  /** Required when creating (or when sent blank), at most 255 characters, unique. */
  public static void name(
      @Nullable String name, boolean creating, boolean taken, Map<String, String> errors) {
    if (name == null ? creating : name.isBlank()) {
      errors.put("name", "is required");
    } else if (name != null && name.trim().length() > 255) {
      errors.put("name", "must be at most 255 characters");
    } else if (taken) {
      errors.put("name", "must be unique");
    }
  }

  /** At most 4000 characters. */
  public static void description(@Nullable String description, Map<String, String> errors) {
    if (description != null && description.length() > 4000) {
      errors.put("description", "must be at most 4000 characters");
    }
  }
}
