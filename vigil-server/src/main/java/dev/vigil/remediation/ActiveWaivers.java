package dev.vigil.remediation;

import dev.vigil.results.ResultService;
import dev.vigil.results.SecurityScan;
import dev.vigil.waivers.WaiverService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The waivers feature's answer to {@link WaivedRules}: the scan's failed rules an approved,
 * unexpired waiver covers now for its server, benchmark and profile. A waiver stays after a
 * remediation; it stops mattering once the rule passes.
 */
@Component
class ActiveWaivers implements WaivedRules {

  private final WaiverService waivers;
  private final ResultService results;

  ActiveWaivers(WaiverService waivers, ResultService results) {
    this.waivers = waivers;
    this.results = results;
  }

  @Override
  public Set<String> of(SecurityScan scan) {
    if (scan.serverId() == null) {
      return Set.of();
    }
    List<String> failed =
        results.rules(scan.id()).stream()
            .filter(r -> "fail".equals(r.result()))
            .map(r -> r.ruleId())
            .toList();
    return new LinkedHashSet<>(
        waivers
            .coverage()
            .waived(scan.serverId(), scan.benchmarkId(), scan.profileId(), failed)
            .keySet());
  }
}
