package dev.vigil.packages;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a user sends to create or change a security package. On update a null field means
 * "unchanged"; on create {@code name} and {@code url} are required. {@code acceptInvalid}: keep
 * checklists that validation finds invalid (scanned with {@code --skip-valid}) instead of failing.
 */
public record PackageInput(
    String name,
    String description,
    String url,
    Boolean enabled,
    @Nullable String expectedSha256,
    List<String> labels,
    @Nullable Boolean acceptInvalid) {

  /** The input without an answer on invalid content (unchanged; false on create). */
  public PackageInput(
      String name,
      String description,
      String url,
      Boolean enabled,
      @Nullable String expectedSha256,
      List<String> labels) {
    this(name, description, url, enabled, expectedSha256, labels, null);
  }
}
