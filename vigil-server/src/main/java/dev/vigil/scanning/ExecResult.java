package dev.vigil.scanning;

/**
 * How one remote command ended: its exit code, the head of its stdout and the tail of stderr, both
 * made inert ({@link TargetText}).
 */
public record ExecResult(int exitCode, String stdout, String stderrTail) {

  public ExecResult {
    stdout = TargetText.inert(stdout);
    stderrTail = TargetText.inert(stderrTail);
  }
}
