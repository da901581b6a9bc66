package dev.vigil.web.jobs;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One entry of a pick list: what the user sees, the value sent back and, for servers and instances,
 * their labels (the wizard's target filter).
 */
record Choice(
    String name,
    @Schema(
            description = "the value sent back: an id (number) or a code (string)",
            oneOf = {Long.class, String.class})
        Object value,
    List<String> labels) {

  Choice {
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  Choice(String name, Object value) {
    this(name, value, List.of());
  }

  /** The labels in one lower-case line for the target filter ({@code data-labels}). */
  public String labelLine() {
    return String.join("\n", labels).toLowerCase(java.util.Locale.ROOT);
  }
}
