package dev.vigil.inventory;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Field checks shared by the inventory validators. */
final class Fields {

  private Fields() {}

  static void labels(@Nullable List<String> labels, Map<String, String> errors) {
    if (labels == null) {
      return;
    }
    for (String label : labels) {
      if (label == null || label.isBlank() || label.trim().length() > 255) {
        errors.put("labels", "each label must be 1 to 255 characters");
        return;
      }
    }
  }

  static List<String> cleanLabels(@Nullable List<String> labels) {
    return labels == null ? List.of() : labels.stream().map(String::trim).distinct().toList();
  }

  static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
