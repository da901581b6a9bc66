package dev.vigil.remediation;

import dev.vigil.executions.ScanOrder;
import dev.vigil.executions.ServerLocks;
import dev.vigil.executions.ServerScanService;
import dev.vigil.inventory.PrivilegeMode;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.results.ResultService;
import dev.vigil.results.SecurityScan;
import dev.vigil.scanning.ExecResult;
import dev.vigil.scanning.FailureReason;
import dev.vigil.scanning.FixRequest;
import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanEngine;
import dev.vigil.scanning.ScanFailure;
import dev.vigil.scanning.TargetConnection;
import dev.vigil.scheduling.NodeIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One server of a remediation run: lock it against scans, check that the script and the content are
 * what the dry run showed, run the script over SSH (killed on cancel), re-scan with the same
 * profile and record before/after per rule. Every step is an event of the run.
 */
@Component
class TargetRemediation {

  private static final Logger log = LoggerFactory.getLogger(TargetRemediation.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CANCEL_POLL = Duration.ofMillis(500);

  private final RemediationRepository repo;
  private final RemediationRunService runs;
  private final RemediationContent content;
  private final ServerLocks locks;
  private final ServerService servers;
  private final ScanEngine engine;
  private final ServerScanService scans;
  private final ResultService results;
  private final RunningRemediations running;
  private final RemediationSettings settings;
  private final NodeIdentity node;
  private final Clock clock;

  TargetRemediation(
      RemediationRepository repo,
      RemediationRunService runs,
      RemediationContent content,
      ServerLocks locks,
      ServerService servers,
      ScanEngine engine,
      ServerScanService scans,
      ResultService results,
      RunningRemediations running,
      RemediationSettings settings,
      NodeIdentity node,
      Clock clock) {
    this.repo = repo;
    this.runs = runs;
    this.content = content;
    this.locks = locks;
    this.servers = servers;
    this.engine = engine;
    this.scans = scans;
    this.results = results;
    this.running = running;
    this.settings = settings;
    this.node = node;
    this.clock = clock;
  }

  void remediate(RemediationRun run, RemediationTarget t) {
    Long serverId = t.serverId();
    if (serverId == null) {
      end(t, TargetStatus.FAILED, "the server was deleted");
      return;
    }
    if (!lock(run, t, serverId)) {
      return;
    }
    try {
      Optional<String> changed = changedSinceDryRun(t);
      if (changed.isPresent()) {
        end(t, TargetStatus.REFUSED, changed.get());
        return;
      }
      RemediationTarget ran = runScript(run, t, serverId);
      if (ran == null) {
        return;
      }
      rescan(run, ran, serverId);
    } finally {
      locks.unlock(serverId, run.id());
    }
  }

  /** Ends the target in {@code status} with the reason, as an event of its run. */
  void end(RemediationTarget t, TargetStatus status, @Nullable String why) {
    repo.updateTarget(t.with(status, why, clock.instant()));
    event(t, "server " + status.code(), t.serverName() + ": " + why);
  }

  private boolean lock(RemediationRun run, RemediationTarget t, long serverId) {
    Instant giveUp = clock.instant().plus(settings.scriptTimeout());
    boolean told = false;
    while (true) {
      Optional<String> busy = locks.lockForRemediation(serverId, run.id(), node.name());
      if (busy.isEmpty()) {
        event(t, "server locked", t.serverName() + " locked against scans");
        return true;
      }
      if (!told) {
        repo.updateTarget(t.with(TargetStatus.WAITING, busy.get(), clock.instant()));
        event(t, "waiting", t.serverName() + ": " + busy.get());
        told = true;
      }
      if (cancelRequested(run.id())) {
        end(t, TargetStatus.CANCELLED, "cancelled while waiting for the server");
        return false;
      }
      if (clock.instant().isAfter(giveUp)) {
        end(t, TargetStatus.FAILED, "the server stayed busy: " + busy.get());
        return false;
      }
      sleep(settings.lockRetry());
    }
  }

  /** Why the script may not run: it, the fixes oscap makes now, or the content changed. */
  private Optional<String> changedSinceDryRun(RemediationTarget t) {
    String script = runs.script(t);
    if (!RemediationHashes.sha256(script).equals(t.scriptSha256())) {
      return Optional.of("the stored script does not match its recorded sha256");
    }
    SecurityScan before = results.get(t.beforeScanId());
    String content = runs.checklistSha256(before);
    if (!content.equals(t.contentSha256())) {
      return Optional.of(
          "the content changed since the dry run (checklist sha256 "
              + t.contentSha256()
              + ", now "
              + content
              + ")");
    }
    RemediationContent.Selection sel =
        this.content.chosen(List.of(before), new LinkedHashSet<>(t.ruleIds()));
    if (!sel.rules().equals(new LinkedHashSet<>(t.ruleIds()))) {
      Set<String> gone = new LinkedHashSet<>(t.ruleIds());
      gone.removeAll(sel.rules());
      return Optional.of("rules are no longer to be fixed (waived since the dry run): " + gone);
    }
    String body = this.content.generate(sel, FixType.BASH).body();
    if (!RemediationHashes.sha256(body).equals(t.fixSha256())) {
      return Optional.of("oscap's fixes for these rules changed since the dry run");
    }
    if (!ScriptHeader.insert(body, t.scriptHeader()).equals(script)) {
      return Optional.of("the script changed since the dry run: it is not what was approved");
    }
    return Optional.empty();
  }

  private @Nullable RemediationTarget runScript(
      RemediationRun run, RemediationTarget t, long serverId) {
    Server server = servers.get(serverId);
    RemediationTarget current = t.with(TargetStatus.RUNNING, null, clock.instant());
    repo.updateTarget(current);
    event(t, "script started", t.serverName() + ": " + t.ruleIds().size() + " rule(s)");
    StringBuilder out = new StringBuilder();
    ScanControl control = new ScanControl();
    running.set(run.id(), control);
    Thread watch = watcher(run.id(), control);
    @Nullable Path file = null;
    try {
      file = Files.createTempFile("vigil-fix", ".sh");
      Files.writeString(file, runs.script(t), StandardCharsets.UTF_8);
      FixRequest request =
          new FixRequest(
              server.name(),
              new TargetConnection.Ssh(servers.sshTarget(server.id()), CONNECT_TIMEOUT),
              server.privilegeMode() == PrivilegeMode.SUDO,
              file,
              settings.scriptTimeout());
      ExecResult r = engine.runFix(request, control, line -> append(out, line));
      current = current.ran(r.exitCode(), out.toString());
      repo.updateTarget(current);
      event(t, "script ended", t.serverName() + ": exit " + r.exitCode());
      return current;
    } catch (ScanFailure e) {
      repo.updateTarget(current.ran(null, out.toString()));
      TargetStatus s =
          e.reason() == FailureReason.CANCELLED ? TargetStatus.CANCELLED : TargetStatus.FAILED;
      end(repo.targets(run.id()).get(t.position()), s, e.getMessage());
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      watch.interrupt();
      running.clear(run.id());
      deleteQuietly(file);
    }
  }

  private void rescan(RemediationRun run, RemediationTarget t, long serverId) {
    Long packageId = run.packageId();
    if (packageId == null) {
      // ScanOrder needs the package: a run without one could only fail here on unboxing
      end(t, TargetStatus.FAILED, "no package to re-scan with");
      return;
    }
    repo.updateTarget(t.with(TargetStatus.RESCANNING, null, clock.instant()));
    event(t, "re-scan started", t.serverName() + " with " + run.profileId());
    ScanControl control = new ScanControl();
    running.set(run.id(), control);
    Thread watch = watcher(run.id(), control);
    try {
      SecurityScan after =
          scans.scan(
              new ScanOrder(
                  serverId,
                  packageId,
                  run.packageVersionId(),
                  run.checklistPath(),
                  run.profileId(),
                  null,
                  "remediation run " + run.id(),
                  null,
                  null),
              control);
      List<RuleOutcome> outcomes =
          RuleOutcomes.of(
              new LinkedHashSet<>(t.ruleIds()),
              results.rules(t.beforeScanId()),
              results.rules(after.id()));
      repo.insertOutcomes(t.id(), outcomes);
      RemediationTarget done = repo.targets(run.id()).get(t.position()).rescanned(after.id());
      repo.updateTarget(done.with(TargetStatus.DONE, null, clock.instant()));
      event(
          t,
          "re-scanned",
          t.serverName()
              + ": scan "
              + after.id()
              + ", "
              + count(outcomes, RuleOutcomes.FIXED)
              + " fixed, "
              + count(outcomes, RuleOutcomes.STILL_FAILING)
              + " still failing, "
              + count(outcomes, RuleOutcomes.NEWLY_FAILING)
              + " newly failing");
    } catch (ScanFailure e) {
      TargetStatus s =
          e.reason() == FailureReason.CANCELLED ? TargetStatus.CANCELLED : TargetStatus.FAILED;
      end(repo.targets(run.id()).get(t.position()), s, "re-scan: " + e.getMessage());
    } finally {
      watch.interrupt();
      running.clear(run.id());
    }
  }

  private Thread watcher(long runId, ScanControl control) {
    Thread t = new Thread(() -> watchCancel(runId, control), "remediation-" + runId + "-cancel");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Cancels {@code control} once the run's cancel is recorded (from any node). */
  private void watchCancel(long runId, ScanControl control) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        if (cancelRequested(runId)) {
          control.cancel();
          return;
        }
        Thread.sleep(CANCEL_POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("cannot watch remediation run {} for a cancel: {}", runId, e.toString());
    }
  }

  private boolean cancelRequested(long runId) {
    return repo.find(runId).map(RemediationRun::cancelRequested).orElse(true);
  }

  private void event(RemediationTarget t, String action, @Nullable String detail) {
    repo.event(t.runId(), clock.instant(), null, action, detail);
  }

  private static long count(List<RuleOutcome> outcomes, String outcome) {
    return outcomes.stream().filter(o -> o.outcome().equals(outcome)).count();
  }

  private static void append(StringBuilder out, String line) {
    synchronized (out) {
      out.append(line).append('\n');
      if (out.length() > 2 * RemediationTarget.OUTPUT_LIMIT) {
        out.delete(0, out.length() - RemediationTarget.OUTPUT_LIMIT);
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
  }

  private static void deleteQuietly(@Nullable Path p) {
    try {
      if (p != null) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }
}
