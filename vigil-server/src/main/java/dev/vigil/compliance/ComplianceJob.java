package dev.vigil.compliance;

import dev.vigil.results.ComplianceStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the servers a job targets stand by the job's own latest scans of them; the job's benchmark
 * and titles as its package indexes them (null when not indexed).
 */
public record ComplianceJob(
    long jobId,
    String jobName,
    String benchmarkId,
    String profileId,
    String benchmarkTitle,
    String profileTitle,
    boolean enabled,
    int targets,
    Map<ComplianceStatus, Integer> counts) {

  public ComplianceJob {
    Map<ComplianceStatus, Integer> all = new EnumMap<>(ComplianceStatus.class);
    for (ComplianceStatus s : ComplianceStatus.values()) {
      all.put(s, counts.getOrDefault(s, 0));
    }
    counts = Map.copyOf(all);
  }

  public int count(ComplianceStatus status) {
    return counts.get(status);
  }
}
