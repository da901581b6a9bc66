package dev.vigil.scanning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the preflight command that clears what earlier attempts of the same tagged run left
 * on the target: an attempt whose Vigil node died mid-scan leaves its {@code
 * vigil-run.<tag>.XXXXXXXX} directory and maybe its oscap process group behind. A later attempt
 * with the same tag knows the earlier one is dead, so for every such directory it kills the process
 * group recorded in its {@code oscap.pgid} and removes it, before it makes its own.
 *
 * <p>It runs through {@code sudo -n} in sudo mode (the dead oscap ran as root) and takes only
 * directories whose name matches the template exactly, that are not symlinks and belong to the
 * login user; it kills a group only when its recorded id is a number above 1 and a process of that
 * group works in that very directory (so a reused process group id is never killed).
 */
final class RunLeftovers {

  private static final String KILLED = "leftover-killed=";
  private static final String REMOVED = "leftover-removed=";
  private static final String STUCK = "leftover-stuck=";
  private static final Logger log = LoggerFactory.getLogger(RunLeftovers.class);

  private RunLeftovers() {}

  /**
   * The preflight line that sweeps, or "" for an untagged request; it expects the login user's uid
   * in {@code $u} and {@code $s} set to {@code sudo -n} in sudo mode, empty otherwise.
   */
  static String script(ScanRequest request) {
    if (request.runTag() == null) {
      return "";
    }
    return "$s sh -c " + Shell.quote(sweep(request)) + " vigil-sweep \"$u\"\n";
  }

  /** Logs what the sweep found: each directory removed, each process group killed. */
  static void log(ExecResult preflight, ScanRequest request) {
    for (String line : preflight.stdout().split("\n")) {
      if (line.startsWith(KILLED) || line.startsWith(REMOVED)) {
        log.info("Cleared a dead attempt's leftover on {}: {}", request.targetName(), line);
      } else if (line.startsWith(STUCK)) {
        log.warn("Cannot remove a dead attempt's leftover on {}: {}", request.targetName(), line);
      }
    }
  }

  private static String sweep(ScanRequest request) {
    String prefix = Shell.quote(request.remoteWorkDir() + "/vigil-run." + request.runTag() + ".");
    return String.join(
        "\n",
        "u=$1",
        RemoteCommand.KILL_GROUP_FUNCTION
            + "inrun() { g=$1; r=$(cd -P \"$2\" 2>/dev/null && pwd -P) || return 1",
        "  for q in /proc/[0-9]*; do",
        "    { read -r st < \"$q/stat\"; } 2>/dev/null || continue",
        "    st=${st##*) }; set -- $st",
        "    [ \"$3\" = \"$g\" ] && [ \"$(readlink \"$q/cwd\" 2>/dev/null)\" = \"$r\" ] && return 0",
        "  done; return 1; }",
        "for d in " + prefix + "????????; do",
        "  x=${d#" + prefix + "}",
        "  case \"$x\" in *[!A-Za-z0-9]*) continue;; esac",
        "  [ -d \"$d\" ] && [ ! -L \"$d\" ] || continue",
        "  [ \"$(stat -c %u \"$d\" 2>/dev/null)\" = \"$u\" ] || continue",
        "  p=; f=\"$d/" + OscapCommand.PGID_FILE + "\"",
        "  [ -f \"$f\" ] && [ ! -L \"$f\" ] && p=$(head -c 12 \"$f\" 2>/dev/null | tr -d '\\n')",
        "  case \"$p\" in ''|0*|*[!0-9]*) p=;; esac",
        "  if [ -n \"$p\" ] && [ \"$p\" -gt 1 ] && inrun \"$p\" \"$d\"; then",
        "    killgroup \"$p\"; echo \"" + KILLED + "$p\"",
        "  fi",
        "  rm -rf -- \"$d\" 2>/dev/null",
        "  if [ -e \"$d\" ]; then echo \"" + STUCK + "$d\"; else echo \"" + REMOVED + "$d\"; fi",
        "done",
        "exit 0");
  }
}
