package dev.vigil.scanning;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a target before a scan and prepares its run, in one command as the login user (each
 * command costs a round trip and a few processes): where oscap is and its version, root or a
 * working {@code sudo -n}, a writable work directory; for a tagged request it then clears what
 * earlier attempts of the run left (see {@link RunLeftovers}); then room enough in the work
 * directory. Only when all of that holds does the same command create the run's directory (see
 * {@link RunDirectory}).
 *
 * <p>A missing or unwritable work directory (a read-only mount, a directory of another user) is
 * WORK_DIR_UNWRITABLE with its path, told apart from a full one (NO_SPACE).
 */
final class Preflight {

  /** What preflight found and prepared: oscap's path and version, sudo or not, the run dir. */
  record Facts(
      String oscapPath, String oscapVersion, boolean useSudo, RunDirectory.Prepared prepared) {}

  static final long HEADROOM_KIB = 64 * 1024;
  private static final String NO_OSCAP = "vigil-no-oscap";

  private Preflight() {}

  static Facts check(TargetShell shell, ScanRequest request, long checklistBytes, Duration timeout)
      throws ScanFailure {
    long needKib = 4 * (checklistBytes / 1024 + 1) + HEADROOM_KIB;
    String script = script(request, needKib) + RunDirectory.script(request, shell.remote());
    ExecResult result = shell.exec(script, timeout, false);
    RunLeftovers.log(result, request);
    Map<String, String> found = parse(result);
    boolean root = requireAccess(found, request);
    requireSpace(found, needKib, request);
    return new Facts(
        found.get("oscap"),
        found.getOrDefault("version", ""),
        request.sudo() && !root,
        RunDirectory.parse(result, request));
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
  private static String script(ScanRequest request, long needKib) {
    String privilege =
        request.sudo()
            ? "[ \"$u\" = 0 ] || { sudo -n sh -c : 2>/dev/null || exit 0; echo sudo; s='sudo -n'; }"
            : "[ \"$u\" = 0 ] || exit 0";
    return String.join(
        "\n",
        "p=$(command -v oscap) || { echo " + NO_OSCAP + "; exit 0; }",
        "echo \"oscap=$p\"",
        "echo \"version=$(\"$p\" --version 2>&1 | head -n 1)\"",
        "u=$(id -u); echo \"uid=$u\"; s=",
        privilege,
        "w=" + Shell.quote(request.remoteWorkDir()),
        "[ -d \"$w\" ] && [ -w \"$w\" ] && [ -x \"$w\" ] || exit 0",
        "echo writable",
        RunLeftovers.script(request)
            + "a=$(df -Pk \"$w\" 2>/dev/null | awk 'NR==2 {print $4}'); echo \"avail=$a\"",
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
