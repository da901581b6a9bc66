package dev.vigil.scanning;

/** How one remote command ended: its exit code, the head of its stdout and the tail of stderr. */
public record ExecResult(int exitCode, String stdout, String stderrTail) {}
