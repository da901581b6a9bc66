package dev.vigil.results;

import dev.vigil.scap.arf.Ident;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.scap.arf.RuleResult;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.scap.arf.Score;
import dev.vigil.storage.BlobStore;
import dev.vigil.web.NotFoundException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security scans: records a finished scan (summary, rule results, ARF and HTML report) in one
 * transaction, and reads them back for a server's history and the API.
 */
@Service
public class ResultService {

  private final ScanRepository scans;
  private final BlobStore blobs;
  private final Clock clock;

  ResultService(ScanRepository scans, BlobStore blobs, Clock clock) {
    this.scans = scans;
    this.blobs = blobs;
    this.clock = clock;
  }

  /** Stores a finished scan and returns it. */
  @Transactional
  public SecurityScan record(NewScan s) {
    ScanReport r = s.report();
    String arf = blobs.put(s.arfFile()).sha256();
    String html = s.reportHtml() == null ? null : blobs.put(s.reportHtml()).sha256();
    Score score = primaryScore(r.scores());
    Map<ResultType, Integer> counts = new EnumMap<>(ResultType.class);
    for (ResultType t : ResultType.values()) {
      counts.put(t, r.count(t));
    }
    SecurityScan draft =
        new SecurityScan(
            0,
            s.serverId(),
            s.serverName(),
            s.packageId(),
            s.packageName(),
            s.packageVersionId(),
            s.checklistPath(),
            r.benchmarkId(),
            r.benchmarkVersion(),
            s.profileId(),
            r.testResultId(),
            "complete",
            r.notApplicable(),
            r.summary(),
            s.startedAt(),
            s.finishedAt(),
            score == null ? null : score.value(),
            score == null ? null : score.maximum(),
            score == null ? null : score.system(),
            counts,
            arf,
            html,
            s.oscapVersion(),
            s.createdBy(),
            clock.instant());
    long id = scans.insert(draft);
    scans.insertRules(id, r.ruleResults().stream().map(ResultService::stored).toList());
    return get(id);
  }

  public SecurityScan get(long id) {
    return scans.find(id).orElseThrow(() -> new NotFoundException("Security scan", id));
  }

  public List<SecurityScan> list(ScanQuery query) {
    return scans.list(query);
  }

  public long count(ScanQuery query) {
    return scans.count(query);
  }

  /** Every rule result of a scan, in the order oscap wrote them. */
  public List<StoredRuleResult> rules(long scanId) {
    get(scanId);
    return scans.rules(scanId);
  }

  /** The default XCCDF score when present, else the first one. */
  private static Score primaryScore(List<Score> scores) {
    return scores.stream()
        .filter(sc -> "urn:xccdf:scoring:default".equals(sc.system()))
        .findFirst()
        .orElse(scores.isEmpty() ? null : scores.get(0));
  }

  private static StoredRuleResult stored(RuleResult r) {
    return new StoredRuleResult(
        r.ruleId(),
        r.result().xccdf(),
        r.severity(),
        r.title(),
        r.idents().stream().map(Ident::value).toList());
  }
}
