package dev.vigil.scanning;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Scans one target with {@code oscap xccdf eval}: connects, checks the target (and, for a tagged
 * request, clears what an earlier attempt left), caches the checklist on it by sha256, runs oscap
 * in a private temporary directory under a timeout while counting its progress, fetches the ARF and
 * the report, and removes the temporary directory in every outcome. Not final only so that tests
 * can put a scan double in its place (the cluster tests and the fan-out benchmark).
 */
public class ScanEngine {

  static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

  private final SshConnector connector;
  private final Clock clock;

  public ScanEngine(SshConnector connector) {
    this(connector, Clock.systemUTC());
  }

  public ScanEngine(SshConnector connector, Clock clock) {
    this.connector = Objects.requireNonNull(connector, "connector");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Runs the scan; {@code control} lets another thread watch the phase and cancel it.
   *
   * @throws ScanFailure with the reason the target run failed
   * @throws IllegalArgumentException when the checklist file is missing, or is a plain XCCDF
   *     benchmark for an SSH target (only source datastreams are sent to a target)
   */
  public ScanOutcome scan(ScanRequest request, ScanControl control) throws ScanFailure {
    long checklistBytes = checklistSize(request);
    Instant started = clock.instant();
    TargetShell shell = null;
    try {
      control.enter(ScanPhase.CONNECTING, request.targetName());
      shell = open(request.connection(), null);
      control.attach(shell);
      return new Run(request, control, shell, checklistBytes, started).scan();
    } catch (ScanFailure e) {
      throw control.cancelled() && e.reason() != FailureReason.CANCELLED
          ? new ScanFailure(
              FailureReason.CANCELLED, "scan of " + request.targetName() + " cancelled", e)
          : e;
    } finally {
      control.detach();
      if (shell != null) {
        shell.close();
      }
      control.finish();
    }
  }

  TargetShell open(TargetConnection connection, String pinnedHostKey) throws ScanFailure {
    if (connection instanceof TargetConnection.Ssh ssh) {
      SshTarget target =
          pinnedHostKey == null ? ssh.target() : ssh.target().withExpectedHostKey(pinnedHostKey);
      return new SshTargetShell(connector.open(target, ssh.connectTimeout()));
    }
    return new LocalTargetShell();
  }

  private static long checklistSize(ScanRequest request) {
    if (request.plainXccdf() && request.connection() instanceof TargetConnection.Ssh) {
      throw new IllegalArgumentException(
          "a plain XCCDF benchmark can be scanned only on the local host: it refers to files"
              + " beside it; scan a source datastream (oscap ds sds-compose) over SSH");
    }
    try {
      return Files.size(request.checklistFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the checklist file " + request.checklistFile(), e);
    }
  }

  /** One scan's steps on an open shell. */
  private final class Run {
    private final ScanRequest request;
    private final ScanControl control;
    private final TargetShell shell;
    private final long checklistBytes;
    private final Instant started;

    Run(ScanRequest request, ScanControl control, TargetShell shell, long bytes, Instant started) {
      this.request = request;
      this.control = control;
      this.shell = shell;
      this.checklistBytes = bytes;
      this.started = started;
    }

    ScanOutcome scan() throws ScanFailure {
      control.enter(ScanPhase.PREFLIGHT, request.targetName());
      Preflight.Facts facts = Preflight.check(shell, request, checklistBytes, STEP_TIMEOUT);
      try {
        return scanIn(facts.prepared(), facts);
      } finally {
        new RunCleanup(ScanEngine.this, request, control)
            .remove(shell, facts.prepared().runDir(), facts.useSudo());
      }
    }

    private ScanOutcome scanIn(RunDirectory.Prepared prepared, Preflight.Facts facts)
        throws ScanFailure {
      control.enter(ScanPhase.UPLOADING, request.targetName());
      String checklist =
          shell.remote()
              ? ContentCache.ensure(shell, request, prepared, STEP_TIMEOUT)
              : ContentCache.inPlace(request);
      control.enter(ScanPhase.SCANNING, request.targetName());
      int exitCode = runOscap(facts, prepared.runDir(), checklist);
      control.enter(ScanPhase.COLLECTING, request.targetName());
      ResultCollector.Results results = ResultCollector.collect(shell, request, prepared.runDir());
      return new ScanOutcome(
          results.arf(),
          results.report(),
          exitCode,
          facts.oscapVersion(),
          shell.bytesUploaded(),
          shell.hostKeyFingerprint(),
          started,
          clock.instant());
    }

    private int runOscap(Preflight.Facts facts, String runDir, String checklist)
        throws ScanFailure {
      String command =
          OscapCommand.eval(facts.oscapPath(), request, runDir, checklist, shell.remote());
      OscapProgress progress = new OscapProgress(control);
      ExecResult result;
      try {
        result = shell.exec(command, request.timeout(), facts.useSudo(), progress::line);
      } catch (ScanFailure e) {
        if (e.reason() != FailureReason.SCAN_TIMED_OUT) {
          throw e;
        }
        throw new ScanFailure(
            FailureReason.SCAN_TIMED_OUT,
            "scan of "
                + request.targetName()
                + " timed out after "
                + Durations.seconds(request.timeout()),
            e);
      }
      if (result.exitCode() != 0 && result.exitCode() != 2) {
        throw new ScanFailure(
            FailureReason.SCANNER_FAILED,
            "oscap failed on "
                + request.targetName()
                + " (exit "
                + result.exitCode()
                + "): "
                + StderrLines.last(result.stderrTail(), 5));
      }
      if (progress.resultsMissing()) {
        throw ResultCollector.unreadable(
            request, runDir, "oscap exited " + result.exitCode() + " without an ARF and a report");
      }
      return result.exitCode();
    }
  }
}
