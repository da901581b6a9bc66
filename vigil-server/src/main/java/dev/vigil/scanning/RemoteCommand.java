package dev.vigil.scanning;

/**
 * Builds the remote command lines that run a command in its own process group and report that
 * group's id, and the line that later kills the whole group.
 *
 * <p>The wrapper starts {@code setsid sh -c …} as a background child of a POSIX {@code sh}: a
 * background child is never a process-group leader, so {@code setsid} calls setsid(2) in place
 * without forking, and the child's pid becomes the id of a new session and process group. That
 * child first writes {@code vigil-pgid:<pid>} to stderr, then execs the command; everything the
 * command starts inherits the group. The wrapper {@code wait}s for the child so the channel reports
 * the command's own exit status.
 */
final class RemoteCommand {

  static final String PGID_MARKER = "vigil-pgid:";

  /** How long the group gets to end after SIGTERM before SIGKILL, in tenths of a second. */
  private static final int TERM_GRACE_TENTHS = 50;

  private RemoteCommand() {}

  static String wrap(String command, boolean sudo) {
    String inner = "echo \"" + PGID_MARKER + "$$\" >&2; exec sh -c \"$1\"";
    String outer = "setsid sh -c " + Shell.quote(inner) + " vigil \"$1\" & wait $!";
    return prefix(sudo) + "sh -c " + Shell.quote(outer) + " vigil-wrap " + Shell.quote(command);
  }

  /**
   * A shell function {@code killgroup <pgid>}: TERM to the group (and its leader), wait up to the
   * grace period, then KILL what is left. It uses the variable {@code i}.
   */
  static final String KILL_GROUP_FUNCTION =
      "killgroup() { kill -s TERM -- -$1 $1 2>/dev/null; i=0; while [ $i -lt "
          + TERM_GRACE_TENTHS
          + " ]; do kill -s 0 -- -$1 2>/dev/null || kill -s 0 $1 2>/dev/null || return 0;"
          + " sleep 0.1; i=$((i+1)); done; kill -s KILL -- -$1 $1 2>/dev/null; return 0; }\n";

  /** Kills the group {@code pgid} with {@link #KILL_GROUP_FUNCTION}. */
  static String kill(long pgid, boolean sudo) {
    String script = KILL_GROUP_FUNCTION + "killgroup " + pgid + "\nexit 0";
    return prefix(sudo) + "sh -c " + Shell.quote(script);
  }

  private static String prefix(boolean sudo) {
    return sudo ? "sudo -n " : "";
  }
}
