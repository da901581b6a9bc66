package dev.vigil.notifications;

import dev.vigil.compliance.ComplianceProfile;
import dev.vigil.compliance.ComplianceServer;
import dev.vigil.compliance.ComplianceService;
import dev.vigil.notifications.ComplianceWatchRepository.Pair;
import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ComplianceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares the compliance of servers per (benchmark, profile) pair, as {@link ComplianceService}
 * computes it now, with the status last notified ({@code compliance_notified}), and publishes
 * {@code compliance.status_changed} for each pair that moved. A pair seen for the first time counts
 * as moving from {@code never_scanned}; a pair that is no longer there is forgotten silently. The
 * stored status changes by compare-and-set, so two nodes checking one server at once (a scan's
 * check and the sweep) notify a change once.
 */
@Component
class ComplianceWatch {

  private static final Logger log = LoggerFactory.getLogger(ComplianceWatch.class);

  private final ComplianceService compliance;
  private final ComplianceWatchRepository repo;
  private final Notifier notifier;
  private final Clock clock;

  ComplianceWatch(
      ComplianceService compliance,
      ComplianceWatchRepository repo,
      Notifier notifier,
      Clock clock) {
    this.compliance = compliance;
    this.repo = repo;
    this.notifier = notifier;
    this.clock = clock;
  }

  /** Checks these servers ({@code null}: the whole fleet); returns the changes published. */
  @Transactional
  public int check(List<Long> serverIds) {
    List<ComplianceServer> servers = compliance.servers(serverIds);
    Map<Pair, String> stored = repo.stored(serverIds);
    Set<Pair> seen = new HashSet<>();
    Instant now = clock.instant();
    int changes = 0;
    for (ComplianceServer s : servers) {
      for (ComplianceProfile p : s.profiles()) {
        Pair key = new Pair(s.serverId(), p.benchmarkId(), p.profileId());
        if (!seen.add(key)) {
          continue;
        }
        String status = p.status().code();
        String before = stored.get(key);
        boolean changed;
        if (before == null) {
          String from = ComplianceStatus.NEVER_SCANNED.code();
          changed = repo.insert(key, status, now) && !status.equals(from);
          before = from;
        } else {
          changed = !before.equals(status) && repo.change(key, before, status, now);
        }
        if (changed) {
          notifier.publish(
              NotificationEvent.COMPLIANCE_STATUS_CHANGED, payload(s, p, before, status));
          changes++;
        }
      }
    }
    for (Pair gone : stored.keySet()) {
      if (!seen.contains(gone)) {
        repo.delete(gone);
      }
    }
    if (changes > 0) {
      log.info("{} compliance status change(s) notified", changes);
    }
    return changes;
  }

  private static Payloads.ComplianceChanged payload(
      ComplianceServer s, ComplianceProfile p, String before, String status) {
    ComplianceScan scan = p.lastScan();
    return new Payloads.ComplianceChanged(
        new Payloads.Ref(s.serverId(), s.serverName()),
        new Payloads.Titled(p.benchmarkId(), p.benchmarkTitle()),
        new Payloads.Titled(p.profileId(), p.profileTitle()),
        before,
        status,
        scan == null
            ? null
            : new Payloads.ScanRef(
                scan.id(),
                scan.scanDate() == null ? null : scan.scanDate().toString(),
                scan.score(),
                scan.passCount(),
                scan.failCount(),
                scan.errorCount()),
        p.jobId() == null ? null : new Payloads.Ref(p.jobId(), p.jobName()),
        p.lastFailure() == null ? null : p.lastFailure().toString());
  }
}
