package dev.vigil.results;

import dev.vigil.shared.ListQuery;
import java.util.List;

/** A list request for security scans: list parameters plus server and package filters. */
public record ScanQuery(ListQuery list, List<Long> serverIds, List<Long> packageIds) {

  public ScanQuery {
    serverIds = List.copyOf(serverIds);
    packageIds = List.copyOf(packageIds);
  }
}
