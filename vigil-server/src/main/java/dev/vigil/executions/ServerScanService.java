package dev.vigil.executions;

import dev.vigil.inventory.PrivilegeMode;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.packages.Checklist;
import dev.vigil.packages.ChecklistFile;
import dev.vigil.packages.PackageService;
import dev.vigil.results.NewScan;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanTailoring;
import dev.vigil.results.SecurityScan;
import dev.vigil.scanning.ConnectRetry;
import dev.vigil.scanning.FailureReason;
import dev.vigil.scanning.HostKeyMismatch;
import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanEngine;
import dev.vigil.scanning.ScanFailure;
import dev.vigil.scanning.ScanOutcome;
import dev.vigil.scanning.ScanRequest;
import dev.vigil.scanning.TargetConnection;
import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.scap.content.ScapContentException;
import dev.vigil.tailoring.TailoringService;
import dev.vigil.tailoring.TailoringVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scans one registered server with a checklist and profile of a ready security package and records
 * the result in the server's scan history: the unit of work a job's target run performs.
 */
@Service
public class ServerScanService {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Failures of the SSH connection itself, counted by reason. */
  private static final Set<FailureReason> SSH_REASONS =
      EnumSet.of(
          FailureReason.UNREACHABLE,
          FailureReason.CONNECTION_TIMEOUT,
          FailureReason.AUTHENTICATION_FAILED,
          FailureReason.HOST_KEY_MISMATCH);

  private final ServerService servers;
  private final PackageService packages;
  private final ScanEngine engine;
  private final ResultService results;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final ConnectRetry connectRetry;
  private final ArfReader arfReader = new ArfReader();
  private final TailoringService tailorings;

  ServerScanService(
      ServerService servers,
      PackageService packages,
      ScanEngine engine,
      ResultService results,
      TransactionTemplate tx,
      ApplicationEventPublisher events,
      ExecutionSettings settings,
      TailoringService tailorings) {
    this.tailorings = tailorings;
    this.servers = servers;
    this.packages = packages;
    this.engine = engine;
    this.results = results;
    this.tx = tx;
    this.events = events;
    this.connectRetry = new ConnectRetry(settings.connectRetries(), settings.connectBackoff());
  }

  /** The number of rules the order's profile selects, for progress; null when unknown. */
  public Integer rulesTotal(ScanOrder order) {
    Checklist c =
        order.packageVersionId() == null
            ? packages.checklist(order.packageId(), order.checklistPath(), order.profileId())
            : packages.pinnedChecklist(
                order.packageVersionId(), order.checklistPath(), order.profileId());
    return c.profiles().stream()
        .filter(p -> p.id().equals(order.profileId()))
        .map(p -> p.ruleCount())
        .findFirst()
        .orElse(null);
  }

  /**
   * Runs the scan and records it.
   *
   * @throws ScanFailure with the reason when the target could not be scanned
   */
  public SecurityScan scan(ScanOrder order, ScanControl control) throws ScanFailure {
    return scan(order, control, (scan, outcome) -> {});
  }

  /**
   * Runs the scan and records it; {@code recorded} runs in the transaction that records the scan,
   * and when it throws, the scan is not recorded and the exception propagates.
   *
   * @throws ScanFailure with the reason when the target could not be scanned
   */
  public SecurityScan scan(
      ScanOrder order, ScanControl control, BiConsumer<SecurityScan, ScanOutcome> recorded)
      throws ScanFailure {
    Server server = servers.get(order.serverId());
    ChecklistFile file = checklistFile(order);
    TailoringVersion tailoring =
        order.tailoringId() == null
            ? null
            : tailorings.version(order.tailoringId(), order.tailoringVersion());
    ScanRequest request =
        request(server, file, order)
            .withTailoring(
                tailoring == null
                    ? null
                    : new ScanRequest.Tailoring(tailoring.profileId(), tailoring.document()));
    ScanOutcome outcome = run(server, request, control);
    try {
      ScanReport report = read(outcome, server);
      NewScan scanned = newScan(server, file, order, outcome, report, tailoring);
      // compressed before the transaction, which then holds its connection for the writes only
      try (ResultService.Prepared files = results.prepare(scanned)) {
        return tx.execute(
            s -> {
              SecurityScan scan = results.record(scanned, files);
              servers.recordScannedOs(server.id(), outcome.osName());
              recorded.accept(scan, outcome);
              return scan;
            });
      }
    } finally {
      deleteQuietly(outcome.arfFile());
      deleteQuietly(outcome.reportHtml());
    }
  }

  /**
   * The order's checklist of its pinned version (named as the plan recorded the package: read once
   * per node, see {@link PackageService#pinnedChecklistFile}), else of the package's current
   * version.
   */
  private ChecklistFile checklistFile(ScanOrder order) {
    if (order.packageVersionId() == null) {
      return packages.checklistFile(order.packageId(), order.checklistPath(), order.profileId());
    }
    return order.packageName() == null
        ? packages.checklistFileOfVersion(
            order.packageVersionId(), order.checklistPath(), order.profileId())
        : packages.pinnedChecklistFile(
            order.packageId(),
            order.packageName(),
            order.packageVersionId(),
            order.checklistPath(),
            order.profileId());
  }

  private ScanOutcome run(Server server, ScanRequest request, ScanControl control)
      throws ScanFailure {
    try {
      // an unpinned host key was pinned at login (SshTarget's first-use pin), whatever came next
      return engine.scan(request, control);
    } catch (HostKeyMismatch e) {
      servers.recordHostKeyMismatch(server.id(), e.presented());
      events.publishEvent(new TargetConnectionFailed(code(e.reason())));
      throw e;
    } catch (ScanFailure e) {
      if (server.ssh() && SSH_REASONS.contains(e.reason())) {
        events.publishEvent(new TargetConnectionFailed(code(e.reason())));
      }
      throw e;
    }
  }

  private ScanRequest request(Server server, ChecklistFile file, ScanOrder order) {
    Checklist c = file.checklist();
    boolean datastream = c.kind().equals("SOURCE_DATASTREAM");
    TargetConnection connection =
        server.ssh()
            ? new TargetConnection.Ssh(
                servers.sshTarget(server.id()), CONNECT_TIMEOUT, connectRetry)
            : TargetConnection.local();
    return new ScanRequest(
            server.name(),
            connection,
            server.privilegeMode() == PrivilegeMode.SUDO,
            file.file(),
            file.sha256(),
            datastream ? c.dataStreamId() : null,
            datastream ? c.componentRefId() : null,
            datastream ? null : c.benchmarkId(),
            order.profileId(),
            order.timeout(),
            null)
        .withRunTag(order.runTag())
        .withSkipValid(c.acceptedInvalid());
  }

  private ScanReport read(ScanOutcome outcome, Server server) throws ScanFailure {
    try {
      return arfReader.read(outcome.arfFile());
    } catch (ScapContentException e) {
      throw new ScanFailure(
          FailureReason.RESULTS_UNREADABLE,
          "results of " + server.name() + " are unreadable: " + e.getMessage());
    }
  }

  private static NewScan newScan(
      Server server,
      ChecklistFile file,
      ScanOrder order,
      ScanOutcome outcome,
      ScanReport report,
      TailoringVersion tailoring) {
    return new NewScan(
        server.id(),
        server.name(),
        file.packageId(),
        file.packageName(),
        file.versionId(),
        order.checklistPath(),
        tailoring == null ? order.profileId() : tailoring.profileId(),
        report,
        outcome.arfFile(),
        outcome.reportHtml(),
        outcome.oscapVersion(),
        outcome.started(),
        outcome.finished(),
        order.requestedBy(),
        order.origin(),
        order.origin().jobId(),
        tailoring == null
            ? null
            : new ScanTailoring(
                tailoring.tailoringId(),
                tailoring.versionNo(),
                tailoring.name(),
                tailoring.title()));
  }

  private static String code(FailureReason reason) {
    return reason.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static void deleteQuietly(Path p) {
    try {
      if (p != null) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }
}
