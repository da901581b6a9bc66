package dev.vigil.web.results;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ExecutionDrift;
import dev.vigil.compliance.ScanComparison;
import dev.vigil.compliance.ScanDiff;
import dev.vigil.compliance.ScanDiffKind;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.web.ApiController;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Comparisons of two scans of a server, and a job execution's drift since the job's last one. */
@ApiController
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class ScanCompareApiController {

  private final ScanComparison comparison;
  private final ExecutionDrift drift;

  ScanCompareApiController(ScanComparison comparison, ExecutionDrift drift) {
    this.comparison = comparison;
    this.drift = drift;
  }

  /** The rule changes between two scans; {@code change} (repeatable) keeps only those kinds. */
  @GetMapping("/api/security-scans/{id}/compare/{otherId}")
  ScanCompareJson.ComparisonOne compare(
      @PathVariable long id,
      @PathVariable long otherId,
      @RequestParam(name = "change", required = false) List<String> change) {
    Set<ScanDiffKind> kinds = kinds(change);
    ScanDiff diff = comparison.compare(id, otherId);
    return new ScanCompareJson.ComparisonOne(
        ScanCompareJson.comparison(diff.only(kinds), diff.counts()));
  }

  @GetMapping("/api/job-executions/{id}/drift")
  ScanCompareJson.DriftOne drift(@PathVariable long id) {
    return new ScanCompareJson.DriftOne(ScanCompareJson.drift(drift.of(id)));
  }

  /**
   * The change kinds asked for; blank values are ignored.
   *
   * @throws InvalidInputException naming the first value that is no kind
   */
  static Set<ScanDiffKind> kinds(List<String> values) {
    Set<ScanDiffKind> kinds = EnumSet.noneOf(ScanDiffKind.class);
    List<String> bad = new ArrayList<>();
    for (String v : values == null ? List.<String>of() : values) {
      if (v == null || v.isBlank()) {
        continue;
      }
      ScanDiffKind.of(v.trim()).ifPresentOrElse(kinds::add, () -> bad.add(v));
    }
    if (!bad.isEmpty()) {
      throw new InvalidInputException(
          "change", "'" + bad.get(0) + "' is not a change; use one of " + ScanDiffKind.codes());
    }
    return kinds;
  }
}
