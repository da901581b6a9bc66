package dev.vigil.scanning;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a run's temporary directory on the target, whatever ended the run: over SFTP when it can
 * (no process to start), else with {@code rm -rf} (through sudo in sudo mode). After a cancel the
 * shell refuses commands, so it first waits for the cancel's kill of the process group to finish
 * and then removes the directory through a fresh connection (pinned to the same host key); when the
 * shell fails for any other reason, it tries a fresh connection too.
 */
final class RunCleanup {

  private static final Duration KILL_WAIT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(RunCleanup.class);

  private final ScanEngine engine;
  private final ScanRequest request;
  private final ScanControl control;

  RunCleanup(ScanEngine engine, ScanRequest request, ScanControl control) {
    this.engine = engine;
    this.request = request;
    this.control = control;
  }

  void remove(TargetShell shell, String runDir, boolean sudo) {
    String command = command(runDir);
    if (!control.cancelled()
        && (shell.removeDirectory(runDir) || removed(shell, command, sudo, runDir))) {
      return;
    }
    control.awaitKill(KILL_WAIT);
    try (TargetShell fresh = engine.open(request.connection(), shell.hostKeyFingerprint())) {
      removed(fresh, command, sudo, runDir);
    } catch (ScanFailure e) {
      log.warn("Cannot remove {} on {}: {}", runDir, request.targetName(), e.getMessage());
    }
  }

  private boolean removed(TargetShell shell, String command, boolean sudo, String runDir) {
    try {
      ExecResult result = shell.exec(command, ScanEngine.STEP_TIMEOUT, sudo);
      if (result.exitCode() == 0) {
        return true;
      }
      log.warn(
          "Cannot remove {} on {}: {}", runDir, request.targetName(), result.stderrTail().strip());
    } catch (ScanFailure e) {
      log.warn("Cannot remove {} on {}: {}", runDir, request.targetName(), e.getMessage());
    }
    return false;
  }

  /** Retries for a few seconds: a process killed a moment ago may still be writing there. */
  private static String command(String runDir) {
    String dir = Shell.quote(runDir);
    return "i=0; while [ $i -lt 20 ]; do rm -rf -- "
        + dir
        + " 2>/dev/null; [ -e "
        + dir
        + " ] || exit 0; sleep 0.25; i=$((i+1)); done; rm -rf -- "
        + dir;
  }
}
