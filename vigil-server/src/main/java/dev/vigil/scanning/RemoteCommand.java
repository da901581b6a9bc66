package dev.vigil.scanning;

import java.util.List;

/**
 * Builds the remote command lines that run a command in its own process group and report that
 * group's id, and the line that later kills the whole group.
 *
 * <p>The wrapper starts {@code setsid sh -c …} as a background child of a POSIX {@code sh}: a
 * background child is never a process-group leader, so {@code setsid} calls setsid(2) in place
 * without forking, and the child's pid becomes the id of a new session and process group. That
 * child's shell first writes {@code vigil-pgid:<pid>} to stderr, then runs the command itself (no
 * further {@code sh} is started: each process costs a scheduling round on a loaded target);
 * everything the command starts inherits the group. The wrapper {@code wait}s for the child so the
 * channel reports the command's own exit status.
 */
final class RemoteCommand {

  static final String PGID_MARKER = "vigil-pgid:";

  /** How long the group gets to end after SIGTERM before SIGKILL, in tenths of a second. */
  private static final int TERM_GRACE_TENTHS = 50;

  private RemoteCommand() {}

  static String wrap(String command, boolean sudo) {
    String outer = "setsid sh -c \"$1\" vigil & wait $!";
    return prefix(sudo)
        + "sh -c "
        + Shell.quote(outer)
        + " vigil-wrap "
        + Shell.quote(reportingGroup(command));
  }

  /** {@code command} preceded by the line that reports its shell's pid (its group) on stderr. */
  static String reportingGroup(String command) {
    return "echo \"" + PGID_MARKER + "$$\" >&2\n" + command;
  }

  /**
   * Script lines that run {@code command} as {@link #wrap} does, with {@code args} — shell words
   * the calling script expands, such as {@code "$t"} — as its {@code $1}, {@code $2}, …, and leave
   * its exit status in {@code $?}. When the script's variable {@code prefix} (such as {@code $s},
   * set to {@code sudo -n} or empty) is set, the group is started through it: {@code <prefix> sh -c
   * …}; else the calling script itself starts {@code setsid} in the background (its background
   * child is no group leader either) and waits for it, one {@code sh} fewer.
   */
  static String wrapWithArgs(String command, String args, String prefix) {
    String quoted = Shell.quote(reportingGroup(command));
    String outer = "c=$1; shift; setsid sh -c \"$c\" vigil \"$@\" & wait $!";
    return "if [ -n \""
        + prefix
        + "\" ]; then "
        + prefix
        + " sh -c "
        + Shell.quote(outer)
        + " vigil-wrap "
        + quoted
        + " "
        + args
        + "; else setsid sh -c "
        + quoted
        + " vigil "
        + args
        + " & wait $!; fi";
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
