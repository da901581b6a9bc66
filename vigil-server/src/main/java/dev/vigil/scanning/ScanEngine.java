package dev.vigil.scanning;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Scans one target with {@code oscap xccdf eval} over one connection: one script (see {@link
 * ScanScript}) checks the target (and, for a tagged request, clears what an earlier attempt left),
 * makes a private run directory, runs oscap there under a timeout while its progress is counted,
 * streams the ARF and the report back on the same channel and removes the run directory; the
 * checklist is cached on the target by sha256 and uploaded (between two scripts) only when the
 * cache lacks it. The run directory is removed in every outcome. Not final only so that tests can
 * put a scan double in its place (the cluster tests and the fan-out benchmark).
 */
public class ScanEngine {

  static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

  private final SshConnector connector;
  private final Clock clock;
  private final ResultCompression compression;

  public ScanEngine(SshConnector connector) {
    this(connector, Clock.systemUTC());
  }

  public ScanEngine(SshConnector connector, Clock clock) {
    this(connector, clock, ResultCompression.AUTO);
  }

  public ScanEngine(SshConnector connector, Clock clock, ResultCompression compression) {
    this.connector = Objects.requireNonNull(connector, "connector");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.compression = Objects.requireNonNull(compression, "compression");
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
      shell = connect(request, control);
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

  /**
   * Opens the shell, trying a connection that failed for the network's sake again as the
   * connection's {@link ConnectRetry} says, each failed attempt an event of the scan. The attempts
   * are this scan's own: a caller's count of scan attempts does not change.
   */
  private TargetShell connect(ScanRequest request, ScanControl control) throws ScanFailure {
    return connect(request.targetName(), request.connection(), control);
  }

  private TargetShell connect(String targetName, TargetConnection connection, ScanControl control)
      throws ScanFailure {
    if (!(connection instanceof TargetConnection.Ssh ssh)) {
      return open(connection, null);
    }
    int attempts = ssh.retry().retries() + 1;
    for (int attempt = 1; ; attempt++) {
      String which = "connection attempt " + attempt + " of " + attempts;
      try {
        TargetShell shell = open(ssh, null);
        if (attempt > 1) {
          control.event(which + " to " + ssh.target().address() + " succeeded");
        }
        return shell;
      } catch (ScanFailure e) {
        if (attempt == attempts || !ConnectRetry.retryable(e.reason()) || control.cancelled()) {
          if (attempt > 1) {
            control.event(which + " failed: " + e.getMessage());
          }
          throw e;
        }
        Duration wait = ssh.retry().delay(attempt, ThreadLocalRandom.current().nextDouble());
        control.event(
            which + " failed: " + e.getMessage() + "; next in " + Durations.seconds(wait));
        control.pause(wait, targetName);
      }
    }
  }

  /**
   * Runs a remediation script on an SSH target with the scan's safeguards: the pinned host key,
   * connection retries, {@code sudo -n}, its own process group killed on timeout or on {@code
   * control}'s cancel, output made inert. The script is uploaded to a private directory that is
   * removed afterwards; its stdout and stderr go to {@code lines} line by line.
   *
   * @throws ScanFailure with the reason the script could not run to its end
   */
  public ExecResult runFix(FixRequest request, ScanControl control, Consumer<String> lines)
      throws ScanFailure {
    TargetShell shell = null;
    try {
      control.enter(ScanPhase.CONNECTING, request.targetName());
      shell = connect(request.targetName(), request.connection(), control);
      control.attach(shell);
      return new FixRun(shell, request, control).run(lines);
    } catch (ScanFailure e) {
      throw control.cancelled() && e.reason() != FailureReason.CANCELLED
          ? new ScanFailure(
              FailureReason.CANCELLED, "remediation of " + request.targetName() + " cancelled", e)
          : e;
    } finally {
      control.detach();
      if (shell != null) {
        shell.close();
      }
      control.finish();
    }
  }

  TargetShell open(TargetConnection connection, @Nullable String pinnedHostKey) throws ScanFailure {
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
    private final Deadline deadline = Deadline.after(STEP_TIMEOUT);
    private final ScanOutput output;

    Run(ScanRequest request, ScanControl control, TargetShell shell, long bytes, Instant started) {
      this.request = request;
      this.control = control;
      this.shell = shell;
      this.checklistBytes = bytes;
      this.started = started;
      this.output = new ScanOutput(control, deadline, request.timeout(), STEP_TIMEOUT);
    }

    ScanOutcome scan() throws ScanFailure {
      control.enter(ScanPhase.PREFLIGHT, request.targetName());
      boolean done = false;
      try {
        ScanOutcome outcome = scanAndCollect();
        done = true;
        return outcome;
      } finally {
        if (!done) {
          output.discard();
        }
        cleanUp();
      }
    }

    private ScanOutcome scanAndCollect() throws ScanFailure {
      boolean compress = compression.compress(request.connection());
      String first = ScanScript.first(request, checklistBytes, shell.remote(), compress);
      ExecResult result = runScript(first);
      Preflight.Facts facts = Preflight.parse(output.preflight(result), request, checklistBytes);
      if (!output.scanning()) {
        if (!output.uploadNeeded()) {
          throw ScanOutput.unreadable(
              request, facts.prepared().runDir(), "the scan script stopped before the scan");
        }
        control.enter(ScanPhase.UPLOADING, request.targetName());
        shell.upload(request.checklistFile(), facts.prepared().runDir() + "/" + ScanScript.STAGED);
        deadline.reset(STEP_TIMEOUT);
        result = runScript(ScanScript.afterUpload(request, facts, compress));
        if (!output.scanning()) {
          throw ContentCache.installFailed(request, result);
        }
      }
      String runDir = facts.prepared().runDir();
      requireFinished(result, runDir);
      ScanOutput.ScanFiles files = output.results(request, runDir);
      return new ScanOutcome(
          files.arf(),
          files.report(),
          result.exitCode(),
          output.oscapVersion(),
          shell.bytesUploaded(),
          shell.hostKeyFingerprint(),
          started,
          clock.instant(),
          output.osName());
    }

    private ExecResult runScript(String script) throws ScanFailure {
      try {
        return shell.runScript(script, deadline, request.sudo(), output);
      } catch (ScanFailure e) {
        if (e.reason() != FailureReason.SCAN_TIMED_OUT
            || !output.scanning()
            || output.collecting()) {
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
    }

    private void requireFinished(ExecResult result, String runDir) throws ScanFailure {
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
      if (output.resultsMissing()) {
        throw ScanOutput.unreadable(
            request, runDir, "oscap exited " + result.exitCode() + " without an ARF and a report");
      }
    }

    /**
     * Removes the run directory when the script did not (it failed, timed out or was cancelled
     * before its end), with what the preflight printed: the directory and whether sudo was used.
     */
    private void cleanUp() {
      if (output.cleaned()) {
        return;
      }
      ExecResult printed = output.preflight(new ExecResult(0, "", ""));
      String runDir = RunDirectory.value(printed, "run");
      if (runDir != null && RunDirectory.isRunDir(runDir, request)) {
        new RunCleanup(ScanEngine.this, request, control)
            .remove(shell, runDir, Preflight.useSudo(printed, request));
      }
    }
  }
}
