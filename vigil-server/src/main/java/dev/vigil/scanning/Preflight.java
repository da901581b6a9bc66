package dev.vigil.scanning;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks a target before a scan and prepares its run, as the first part of the scan script the
 * login user runs (each command costs a round trip and a few processes): where oscap is, root or a
 * working {@code sudo -n}, a writable work directory; for a tagged request it then clears what
 * earlier attempts of the run left (see {@link RunLeftovers}); then room enough in the work
 * directory. Only when all of that holds does the same command create the run's directory (see
 * {@link RunDirectory}).
 *
 * <p>A missing or unwritable work directory (a read-only mount, a directory of another user) is
 * WORK_DIR_UNWRITABLE with its path, told apart from a full one (NO_SPACE).
 */
final class Preflight {

  /** What preflight found and prepared: oscap's path, sudo or not, the run dir. */
  record Facts(String oscapPath, boolean useSudo, RunDirectory.Prepared prepared) {}

  static final long HEADROOM_KIB = 64 * 1024;
  private static final String NO_OSCAP = "vigil-no-oscap";

  private Preflight() {}

  /** The KiB a scan needs free in the work directory: 4× the checklist and some headroom. */
  static long needKib(long checklistBytes) {
    return 4 * (checklistBytes / 1024 + 1) + HEADROOM_KIB;
  }

  /**
   * The preflight part of a scan script: the checks, the sweep of a tagged run's leftovers and the
   * run directory. It leaves {@code p} (oscap), {@code s} ({@code sudo -n} or empty), {@code t}
   * (run dir) and, with a cache, {@code f} (cached checklist) set for the rest of the script.
   */
  static String script(ScanRequest request, long checklistBytes, boolean withCache) {
    return checks(request, needKib(checklistBytes))
        + RunDirectory.script(request, withCache, checklistBytes);
  }

  /**
   * Reads what the preflight part printed (the stdout lines before the scan started, and the exit
   * status if it stopped there) and throws the first check that failed.
   */
  static Facts parse(ExecResult result, ScanRequest request, long checklistBytes)
      throws ScanFailure {
    RunLeftovers.log(result, request);
    Map<String, String> found = parse(result);
    boolean root = requireAccess(found, request);
    requireSpace(found, needKib(checklistBytes), request);
    return new Facts(
        found.getOrDefault("oscap", ""),
        request.sudo() && !root,
        RunDirectory.parse(result, request));
  }

  /** Whether a script that printed {@code result} runs its oscap step through sudo. */
  static boolean useSudo(ExecResult result, ScanRequest request) {
    return request.sudo() && !"0".equals(parse(result).get("uid"));
  }

  /** Oscap present, root or sudo, a writable work directory; returns whether the user is root. */
  private static boolean requireAccess(Map<String, String> found, ScanRequest request)
      throws ScanFailure {
    String name = request.targetName();
    if (found.containsKey(NO_OSCAP) || !found.getOrDefault("oscap", "").startsWith("/")) {
      throw new ScanFailure(FailureReason.OSCAP_MISSING, "oscap not installed on " + name);
    }
    boolean root = "0".equals(found.get("uid"));
    if (!root && !(request.sudo() && found.containsKey("sudo"))) {
      throw new ScanFailure(
          FailureReason.PRIVILEGE_MISSING,
          "needs root or passwordless sudo on " + name + " (uid " + found.get("uid") + ")");
    }
    if (!found.containsKey("writable")) {
      throw new ScanFailure(
          FailureReason.WORK_DIR_UNWRITABLE,
          "work directory "
              + request.remoteWorkDir()
              + " on "
              + name
              + " is missing or not writable by the user");
    }
    return root;
  }

  private static void requireSpace(Map<String, String> found, long needKib, ScanRequest request)
      throws ScanFailure {
    long availKib;
    try {
      availKib = Long.parseLong(found.getOrDefault("avail", ""));
    } catch (NumberFormatException e) {
      availKib = -1;
    }
    if (availKib < needKib) {
      throw new ScanFailure(
          FailureReason.NO_SPACE,
          String.format(
              "only %s KiB free in %s on %s; this scan needs %d KiB",
              availKib < 0 ? "unknown" : Long.toString(availKib),
              request.remoteWorkDir(),
              request.targetName(),
              needKib));
    }
  }

  /** Stops (exit 0) at the first check that fails; Java then names it from what was printed. */
  private static String checks(ScanRequest request, long needKib) {
    String privilege =
        request.sudo()
            ? "[ \"$u\" = 0 ] || { sudo -n sh -c : 2>/dev/null || exit 0; echo sudo; s='sudo -n'; }"
            : "[ \"$u\" = 0 ] || exit 0";
    return String.join(
        "\n",
        "p=$(command -v oscap) || { echo " + NO_OSCAP + "; exit 0; }",
        "echo \"oscap=$p\"",
        // the effective uid from /proc by the shell itself (no process), else from id -u
        "u=; [ -r /proc/self/status ] && while read -r q0 q1 q2 q3; do"
            + " [ \"$q0\" = Uid: ] && { u=$q2; break; }; done < /proc/self/status",
        "case \"$u\" in ''|*[!0-9]*) u=$(id -u);; esac; echo \"uid=$u\"; s=",
        privilege,
        "w=" + Shell.quote(request.remoteWorkDir()),
        "[ -d \"$w\" ] && [ -w \"$w\" ] && [ -x \"$w\" ] || exit 0",
        "echo writable",
        RunLeftovers.script(request)
            // the 4th field of df's second line, split by the shell (no awk)
            + "a=; d=$(LC_ALL=C df -Pk \"$w\" 2>/dev/null) && d=${d#*\n} && { set -f; set -- $d;"
            + " set +f; a=$4; }; echo \"avail=$a\"",
        "[ \"${a:-0}\" -ge " + needKib + " ] 2>/dev/null || exit 0",
        "");
  }

  private static Map<String, String> parse(ExecResult result) {
    Map<String, String> found = new HashMap<>();
    for (String line : result.stdout().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        found.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
      } else if (!line.isBlank()) {
        found.putIfAbsent(line.strip(), "");
      }
    }
    return found;
  }
}
