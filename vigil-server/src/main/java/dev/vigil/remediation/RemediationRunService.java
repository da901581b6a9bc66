package dev.vigil.remediation;

import dev.vigil.access.UserRef;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.packages.PackageService;
import dev.vigil.results.SecurityScan;
import dev.vigil.scheduling.TaskQueue;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import dev.vigil.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remediation runs: created with a dry run per server (the exact script, the rules it changes),
 * approved or rejected by another user, cancelled, and read back with every step. Running them is
 * {@link RemediationRunTask}'s.
 */
@Service
public class RemediationRunService {

  static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");
  static final int MAX_RULES = 5000;
  static final int MAX_REASON = 2000;

  private final RemediationContent content;
  private final RemediationRepository repo;
  private final ServerService servers;
  private final PackageService packages;
  private final BlobStore blobs;
  private final TaskQueue tasks;
  private final TransactionTemplate tx;
  private final RunningRemediations running;
  private final Clock clock;

  RemediationRunService(
      RemediationContent content,
      RemediationRepository repo,
      ServerService servers,
      PackageService packages,
      BlobStore blobs,
      TaskQueue tasks,
      TransactionTemplate tx,
      RunningRemediations running,
      Clock clock) {
    this.content = content;
    this.repo = repo;
    this.servers = servers;
    this.packages = packages;
    this.blobs = blobs;
    this.tasks = tasks;
    this.tx = tx;
    this.running = running;
    this.clock = clock;
  }

  /**
   * Makes the dry run: one script per server for the chosen failed rules it failed; nothing runs
   * until another user approves.
   *
   * @throws InvalidInputException naming the field that is wrong
   * @throws ConflictException when a server cannot be remediated (local, deleted, nothing to fix)
   */
  public RemediationRunView create(NewRemediationRun in, UserRef user) {
    String reason = reason(in.reason());
    List<SecurityScan> scans = source(in);
    Set<String> chosen = chosen(in.rules(), scans);
    List<Planned> planned = new ArrayList<>();
    for (SecurityScan scan : scans) {
      RemediationContent.Selection sel = content.chosen(List.of(scan), chosen);
      if (!sel.rules().isEmpty()) {
        requireRemediable(scan);
        planned.add(new Planned(scan, sel, content.generate(sel, FixType.BASH)));
      }
    }
    if (planned.isEmpty()) {
      throw new ConflictException("none of the chosen rules failed on any server: nothing to fix");
    }
    List<String> stored = new ArrayList<>();
    for (Planned p : planned) {
      stored.add(store(p.generated().script()));
    }
    SecurityScan first = scans.get(0);
    long id =
        tx.execute(
            s -> {
              long runId =
                  repo.insert(
                      new RemediationRun(
                          0,
                          in.scanId() != null ? "scan" : "execution",
                          in.scanId() != null ? in.scanId() : in.executionId(),
                          first.packageId(),
                          first.packageVersionId(),
                          first.checklistPath(),
                          first.benchmarkId(),
                          first.profileId(),
                          RunStatus.PENDING_APPROVAL,
                          reason,
                          new Actor(user.id(), user.username()),
                          clock.instant(),
                          null,
                          null,
                          null,
                          null,
                          null,
                          null));
              for (int i = 0; i < planned.size(); i++) {
                Planned p = planned.get(i);
                repo.insertTarget(
                    new RemediationTarget(
                        0,
                        runId,
                        i,
                        p.scan().serverId(),
                        p.scan().serverName(),
                        p.scan().id(),
                        List.copyOf(p.selection().rules()),
                        stored.get(i),
                        p.generated().header(),
                        RemediationHashes.sha256(p.generated().body()),
                        checklistSha256(p.scan()),
                        TargetStatus.PENDING,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
              }
              repo.event(
                  runId,
                  clock.instant(),
                  user.username(),
                  "created",
                  "dry run of "
                      + planned.size()
                      + " server(s) for "
                      + chosen.size()
                      + " chosen rule(s)"
                      + (reason == null ? "" : ": " + reason));
              return runId;
            });
    return get(id);
  }

  public RemediationRunView approve(long id, UserRef user, String why) {
    String reason = reason(why);
    tx.executeWithoutResult(
        s -> {
          RemediationRun run = lock(id).approve(actor(user), clock.instant(), reason);
          repo.update(run);
          repo.event(id, clock.instant(), user.username(), "approved", reason);
          tasks.enqueue(RemediationRunTask.NAME, Long.toString(id));
        });
    return get(id);
  }

  public RemediationRunView reject(long id, UserRef user, String why) {
    String reason = reason(why);
    tx.executeWithoutResult(
        s -> {
          RemediationRun run = lock(id).reject(actor(user), clock.instant(), reason);
          repo.update(run);
          repo.event(id, clock.instant(), user.username(), "rejected", reason);
          for (RemediationTarget t : repo.targets(id)) {
            repo.updateTarget(t.with(TargetStatus.CANCELLED, "rejected", clock.instant()));
          }
        });
    return get(id);
  }

  /** Cancels the run: at once before it runs; while it runs, its running script is killed. */
  public RemediationRunView cancel(long id, UserRef user, String why) {
    String reason = reason(why);
    boolean wasRunning =
        tx.execute(
            s -> {
              RemediationRun before = lock(id);
              RemediationRun run = before.cancel(clock.instant());
              repo.update(run);
              repo.event(
                  id,
                  clock.instant(),
                  user.username(),
                  run.status() == RunStatus.CANCELLED ? "cancelled" : "cancel requested",
                  reason);
              if (run.status() == RunStatus.CANCELLED) {
                for (RemediationTarget t : repo.targets(id)) {
                  repo.updateTarget(t.with(TargetStatus.CANCELLED, "cancelled", clock.instant()));
                }
              }
              return before.status() == RunStatus.RUNNING;
            });
    if (wasRunning) {
      running.cancel(id);
    }
    return get(id);
  }

  public RemediationRunView get(long id) {
    RemediationRun run =
        repo.find(id).orElseThrow(() -> new NotFoundException("Remediation run", id));
    List<RemediationRunView.TargetView> targets = new ArrayList<>();
    for (RemediationTarget t : repo.targets(id)) {
      targets.add(new RemediationRunView.TargetView(t, script(t), repo.outcomes(t.id())));
    }
    return new RemediationRunView(run, targets, repo.events(id));
  }

  public List<RemediationRun> list(int max, int offset) {
    return repo.list(max, offset);
  }

  public long count() {
    return repo.count();
  }

  /** The script a target runs, as stored at the dry run. */
  String script(RemediationTarget t) {
    try (InputStream in = blobs.open(t.scriptSha256())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the script of remediation target " + t.id(), e);
    }
  }

  /** The sha256 of the scan's checklist as its package version holds it now. */
  String checklistSha256(SecurityScan scan) {
    if (scan.packageVersionId() == null) {
      throw new ConflictException(
          "security scan " + scan.id() + " names no package version: its content is unknown");
    }
    return packages
        .checklistFileOfVersion(scan.packageVersionId(), scan.checklistPath(), null)
        .sha256();
  }

  private record Planned(
      SecurityScan scan,
      RemediationContent.Selection selection,
      RemediationContent.Generated generated) {}

  private List<SecurityScan> source(NewRemediationRun in) {
    if ((in.scanId() == null) == (in.executionId() == null)) {
      throw new InvalidInputException(
          "name exactly one of securityScan.id and jobExecution.id",
          Map.of("securityScan", "name a scan or an execution, not both or neither"));
    }
    return in.scanId() != null
        ? content.ofScan(in.scanId())
        : content.executionScans(in.executionId());
  }

  private Set<String> chosen(List<String> rules, List<SecurityScan> scans) {
    Set<String> failed = content.failed(scans).rules();
    if (rules == null) {
      return failed;
    }
    if (rules.isEmpty()) {
      throw new InvalidInputException("rules", "rules must name at least one failed rule");
    }
    if (rules.size() > MAX_RULES) {
      throw new InvalidInputException("rules", "at most " + MAX_RULES + " rules");
    }
    Set<String> out = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String r : rules) {
      if (r == null || !RULE_ID.matcher(r).matches()) {
        throw new InvalidInputException(
            "rules", "rule ids must match " + RULE_ID.pattern() + ": " + shown(r));
      }
      if (failed.contains(r)) {
        out.add(r);
      } else {
        unknown.add(r);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          "rules",
          "not a failed, unwaived rule of the source: "
              + String.join(", ", unknown.subList(0, Math.min(10, unknown.size())))
              + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : ""));
    }
    return out;
  }

  private void requireRemediable(SecurityScan scan) {
    if (scan.serverId() == null) {
      throw new ConflictException(
          "server " + scan.serverName() + " of security scan " + scan.id() + " was deleted");
    }
    Server server = servers.get(scan.serverId());
    if (!server.ssh()) {
      throw new ConflictException(
          "server "
              + server.name()
              + " is the Vigil host itself (connection type local): remediation runs only on"
              + " targets over SSH");
    }
  }

  private String store(String script) {
    Path f = null;
    try {
      f = Files.createTempFile("vigil-remediation", ".sh");
      Files.writeString(f, script, StandardCharsets.UTF_8);
      return blobs.put(f).sha256();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store a remediation script", e);
    } finally {
      try {
        if (f != null) {
          Files.deleteIfExists(f);
        }
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }

  private RemediationRun lock(long id) {
    return repo.findForUpdate(id).orElseThrow(() -> new NotFoundException("Remediation run", id));
  }

  private static Actor actor(UserRef u) {
    return new Actor(u.id(), u.username());
  }

  private static String reason(String why) {
    if (why == null || why.isBlank()) {
      return null;
    }
    if (why.length() > MAX_REASON) {
      throw new InvalidInputException(
          "reason", "reason must be at most " + MAX_REASON + " characters");
    }
    return why.strip();
  }

  private static String shown(String s) {
    if (s == null) {
      return "null";
    }
    String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
    return cut.replaceAll("[^\\p{Print}]", "?");
  }
}
