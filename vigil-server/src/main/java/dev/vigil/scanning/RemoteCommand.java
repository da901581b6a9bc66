package dev.vigil.scanning;

import java.util.List;

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
   * A command line for a script (a shell word such as {@code "$s"} may precede it, to run it
   * through sudo) that runs {@code command} as {@link #wrap} does, with {@code args} — shell words
   * the calling script expands, such as {@code "$t"} — as its {@code $1}, {@code $2}, ….
   */
  static String wrapWithArgs(String command, String args) {
    String inner =
        "echo \"" + PGID_MARKER + "$$\" >&2; c=$1; shift; exec sh -c \"$c\" vigil \"$@\"";
    String outer = "setsid sh -c " + Shell.quote(inner) + " vigil \"$@\" & wait $!";
    return "sh -c " + Shell.quote(outer) + " vigil-wrap " + Shell.quote(command) + " " + args;
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
    return kill(List.of(pgid), sudo);
  }

  /**
   * Kills each group, the last reported first (a scan script's oscap step before the script). With
   * {@code sudo} it kills through {@code sudo -n} and, should sudo not work on the target (a scan
   * stopped in its checks), as the login user, whose groups those then are.
   */
  static String kill(List<Long> pgids, boolean sudo) {
    StringBuilder script = new StringBuilder(KILL_GROUP_FUNCTION);
    for (int i = pgids.size() - 1; i >= 0; i--) {
      script.append("killgroup ").append(pgids.get(i)).append('\n');
    }
    String quoted = Shell.quote(script.append("exit 0").toString());
    return sudo ? "sudo -n sh -c " + quoted + " || sh -c " + quoted : "sh -c " + quoted;
  }

  private static String prefix(boolean sudo) {
    return sudo ? "sudo -n " : "";
  }
}
