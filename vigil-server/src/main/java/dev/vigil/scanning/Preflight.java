package dev.vigil.scanning;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a target before a scan, in one command as the login user: where oscap is and its version,
 * who the user is, and whether the work directory is writable with room enough; then, in sudo mode,
 * that {@code sudo -n} works.
 *
 * <p>An unwritable or missing work directory is reported as NO_SPACE, with its path: like a full
 * disk, it leaves the scan nowhere to write.
 */
final class Preflight {

  /** What preflight found: oscap's absolute path and version line, and whether to use sudo. */
  record Facts(String oscapPath, String oscapVersion, boolean useSudo) {}

  static final long HEADROOM_KIB = 64 * 1024;
  private static final String NO_OSCAP = "vigil-no-oscap";

  private Preflight() {}

  static Facts check(TargetShell shell, ScanRequest request, long checklistBytes, Duration timeout)
      throws ScanFailure {
    String dir = request.remoteWorkDir();
    Map<String, String> found = parse(shell.exec(script(dir), timeout, false));
    String name = request.targetName();
    if (found.containsKey(NO_OSCAP) || !found.getOrDefault("oscap", "").startsWith("/")) {
      throw new ScanFailure(FailureReason.OSCAP_MISSING, "oscap not installed on " + name);
    }
    boolean root = "0".equals(found.get("uid"));
    boolean useSudo = request.sudo() && !root;
    if (!root && (!request.sudo() || shell.exec("true", timeout, true).exitCode() != 0)) {
      throw new ScanFailure(
          FailureReason.PRIVILEGE_MISSING,
          "needs root or passwordless sudo on " + name + " (uid " + found.get("uid") + ")");
    }
    if (!"yes".equals(found.get("writable"))) {
      throw new ScanFailure(
          FailureReason.NO_SPACE,
          "work directory " + dir + " on " + name + " is missing or not writable by the user");
    }
    requireSpace(found, checklistBytes, dir, name);
    return new Facts(found.get("oscap"), found.getOrDefault("version", ""), useSudo);
  }

  /** Needs four times the checklist (cached copy, upload, ARF, report) plus 64 MiB. */
  private static void requireSpace(Map<String, String> found, long bytes, String dir, String name)
      throws ScanFailure {
    long needKib = 4 * (bytes / 1024 + 1) + HEADROOM_KIB;
    long availKib;
    try {
      availKib = Long.parseLong(found.getOrDefault("avail", ""));
    } catch (NumberFormatException e) {
      throw new ScanFailure(
          FailureReason.NO_SPACE, "cannot tell the free space of " + dir + " on " + name);
    }
    if (availKib < needKib) {
      throw new ScanFailure(
          FailureReason.NO_SPACE,
          String.format(
              "only %d KiB free in %s on %s; this scan needs %d KiB",
              availKib, dir, name, needKib));
    }
  }

  private static String script(String dir) {
    return String.join(
        "\n",
        "p=$(command -v oscap) || { echo " + NO_OSCAP + "; exit 0; }",
        "echo \"oscap=$p\"",
        "echo \"version=$(\"$p\" --version 2>&1 | head -n 1)\"",
        "echo \"uid=$(id -u)\"",
        "w=" + Shell.quote(dir),
        "if [ -d \"$w\" ] && [ -w \"$w\" ] && [ -x \"$w\" ]; then echo writable=yes; fi",
        "echo \"avail=$(df -Pk \"$w\" 2>/dev/null | awk 'NR==2 {print $4}')\"");
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
