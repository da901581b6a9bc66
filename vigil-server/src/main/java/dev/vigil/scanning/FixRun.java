package dev.vigil.scanning;

import java.util.function.Consumer;
import java.util.regex.Pattern;

/** One remediation script's steps on an open shell: private directory, upload, run, removal. */
final class FixRun {

  static final String SCRIPT = "fix.sh";
  private static final Pattern DIR = Pattern.compile("/var/tmp/vigil-fix\\.[A-Za-z0-9]{8}");

  private final TargetShell shell;
  private final FixRequest request;
  private final ScanControl control;

  FixRun(TargetShell shell, FixRequest request, ScanControl control) {
    this.shell = shell;
    this.request = request;
    this.control = control;
  }

  ExecResult run(Consumer<String> lines) throws ScanFailure {
    ExecResult made =
        shell.exec(
            "umask 077 && mktemp -d /var/tmp/vigil-fix.XXXXXXXX", ScanEngine.STEP_TIMEOUT, false);
    String dir = made.stdout().strip();
    if (made.exitCode() != 0 || !DIR.matcher(dir).matches()) {
      throw new ScanFailure(
          FailureReason.SCANNER_FAILED,
          "cannot make a private directory on "
              + request.targetName()
              + " (exit "
              + made.exitCode()
              + "): "
              + StderrLines.last(made.stderrTail(), 3));
    }
    try {
      control.enter(ScanPhase.UPLOADING, request.targetName());
      shell.upload(request.script(), dir + "/" + SCRIPT);
      control.enter(ScanPhase.SCANNING, request.targetName());
      return shell.exec(
          "cd " + Shell.quote(dir) + " && bash ./" + SCRIPT + " 2>&1",
          request.timeout(),
          request.sudo(),
          lines);
    } finally {
      shell.removeDirectory(dir);
    }
  }
}
