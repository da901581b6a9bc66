package dev.vigil.compliance;

import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ResultService;
import dev.vigil.results.SecurityScan;
import dev.vigil.results.StoredRuleResult;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.waivers.WaiverCoverage;
import dev.vigil.waivers.WaiverService;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which failed rules of a scan the waivers that count now cover. A scan's rule results stay as
 * oscap wrote them; a waived fail is a fail marked with the waiver's id. Rules are read only for
 * scans of servers some active waiver covers, so compliance of an unwaived fleet costs nothing
 * more.
 */
@Component
public class ScanWaivers {

  private final ResultService results;
  private final WaiverService waivers;

  ScanWaivers(ResultService results, WaiverService waivers) {
    this.results = results;
    this.waivers = waivers;
  }

  /** The waivers that count now. */
  public WaiverCoverage coverage() {
    return waivers.coverage();
  }

  /** The scan's waived fails now (rule id to waiver id), from its rule results. */
  public Map<String, Long> waivedFails(SecurityScan scan, List<StoredRuleResult> rules) {
    return waivedFails(
        coverage(), scan.id(), scan.serverId(), scan.benchmarkId(), scan.profileId(), rules);
  }

  Map<String, Long> waivedFails(WaiverCoverage coverage, ComplianceScan scan) {
    if (scan.failCount() == 0) {
      return Map.of();
    }
    return waivedFails(
        coverage, scan.id(), scan.serverId(), scan.benchmarkId(), scan.profileId(), null);
  }

  /**
   * The waived fails of a scan of {@code serverId} (null: a deleted server, nothing waived); {@code
   * rules} are its rule results when the caller has them already, else null.
   */
  public Map<String, Long> waivedFails(
      WaiverCoverage coverage,
      long scanId,
      Long serverId,
      String benchmarkId,
      String profileId,
      List<StoredRuleResult> rules) {
    if (serverId == null || !coverage.touches(serverId)) {
      return Map.of();
    }
    List<StoredRuleResult> all = rules != null ? rules : results.rules(scanId);
    List<String> fails =
        all.stream()
            .filter(r -> ResultType.FAIL.xccdf().equals(r.result()))
            .map(StoredRuleResult::ruleId)
            .toList();
    return coverage.waived(serverId, benchmarkId, profileId, fails);
  }
}
