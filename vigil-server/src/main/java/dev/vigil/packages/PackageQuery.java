package dev.vigil.packages;

import dev.vigil.shared.ListQuery;
import java.util.List;

/**
 * A list request for security packages: the standard list parameters plus labels (any-of) and
 * allLabels (all-of).
 */
public record PackageQuery(ListQuery list, List<String> anyLabels, List<String> allLabels) {

  public PackageQuery {
    anyLabels = List.copyOf(anyLabels);
    allLabels = List.copyOf(allLabels);
  }
}
