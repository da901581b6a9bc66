package dev.vigil.scanning;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the oscap step of a scan script: the {@code oscap xccdf eval} command line, every word
 * shell-quoted, in the step that runs as root (through {@code sudo -n} in sudo mode) in its own
 * process group.
 */
final class OscapCommand {

  static final String ARF = "arf.xml";
  static final String REPORT = "report.html";
  static final String RESULTS_MISSING = "vigil-results-missing";
  static final String PGID_FILE = "oscap.pgid";
  static final String TAILORING = "tailoring.xml";

  private OscapCommand() {}

  /**
   * The eval with {@code --progress}, so that its stdout is one {@code <rule id>:<result>} line per
   * evaluated rule (see {@link OscapProgress}). It runs the oscap {@code $3} in the run directory
   * {@code $1} on the checklist {@code $2}; when oscap finished (0 or 2) and ran through sudo
   * ({@code $4} non-empty) it makes the ARF and the report readable by the login user, who sends
   * them (without sudo the login user wrote them). It exits with oscap's exit code.
   *
   * <p>It first writes its own pid into {@link #PGID_FILE} in the run directory: the command runs
   * as the leader of its process group (see {@link RemoteCommand}), so that is the group a later
   * attempt kills when this one was left behind (see {@link RunLeftovers}).
   */
  static String eval(ScanRequest request) {
    List<String> words = new ArrayList<>(List.of("xccdf", "eval", "--progress"));
    if (request.tailoring() != null) {
      words.addAll(List.of("--tailoring-file", TAILORING));
    }
    words.addAll(List.of("--profile", request.evaluatedProfile()));
    if (request.skipValid()) {
      words.add("--skip-valid");
    }
    option(words, "--datastream-id", request.dataStreamId());
    option(words, "--xccdf-id", request.xccdfId());
    option(words, "--benchmark-id", request.benchmarkId());
    words.addAll(List.of("--results-arf", ARF));
    words.addAll(List.of("--report", REPORT));
    return "cd \"$1\" || exit 1\necho $$ > "
        + PGID_FILE
        + "\n\"$3\" "
        + Shell.join(words)
        + " \"$2\"\nrc=$?\n"
        + "if [ -n \"$4\" ] && { [ $rc = 0 ] || [ $rc = 2 ]; }; then chmod 644 "
        + ARF
        + " "
        + REPORT
        + " 2>/dev/null; fi\nexit $rc";
  }

  private static void option(List<String> words, String name, @Nullable String value) {
    if (value != null) {
      words.add(name);
      words.add(value);
    }
  }
}
