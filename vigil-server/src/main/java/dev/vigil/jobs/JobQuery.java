package dev.vigil.jobs;

import dev.vigil.shared.ListQuery;
import java.util.List;

/**
 * A list request for jobs: the standard list parameters plus labels (any-of) and allLabels
 * (all-of).
 */
public record JobQuery(ListQuery list, List<String> anyLabels, List<String> allLabels) {

  public JobQuery {
    anyLabels = List.copyOf(anyLabels);
    allLabels = List.copyOf(allLabels);
  }
}
