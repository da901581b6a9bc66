package dev.vigil.scanning;

import java.util.ArrayList;
import java.util.List;

/** Builds the {@code oscap xccdf eval} command line of a scan, every word shell-quoted. */
final class OscapCommand {

  static final String ARF = "arf.xml";
  static final String REPORT = "report.html";
  static final String ARF_GZ = "arf.xml.gz";
  static final String RESULTS_MISSING = "vigil-results-missing";
  static final String PGID_FILE = "oscap.pgid";

  private OscapCommand() {}

  /**
   * The eval with {@code --progress}, so that its stdout is one {@code <rule id>:<result>} line per
   * evaluated rule (see {@link OscapProgress}); when oscap finished (0 or 2), the same command
   * readies the results for download (compressed with {@code gzip -1} when {@code compress},
   * readable by the login user) or prints the line {@link #RESULTS_MISSING}. It exits with oscap's
   * exit code.
   *
   * <p>It first writes its own pid into {@link #PGID_FILE} in the run directory: the command runs
   * as the leader of its process group (see {@link RemoteCommand}), so that is the group a later
   * attempt kills when this one was left behind (see {@link RunLeftovers}).
   */
  static String eval(
      String oscapPath, ScanRequest request, String runDir, String checklist, boolean compress) {
    List<String> words = new ArrayList<>(List.of(oscapPath, "xccdf", "eval", "--progress"));
    words.addAll(List.of("--profile", request.profileId()));
    if (request.skipValid()) {
      words.add("--skip-valid");
    }
    option(words, "--datastream-id", request.dataStreamId());
    option(words, "--xccdf-id", request.xccdfId());
    option(words, "--benchmark-id", request.benchmarkId());
    words.addAll(List.of("--results-arf", runDir + "/" + ARF));
    words.addAll(List.of("--report", runDir + "/" + REPORT));
    words.add(checklist);
    return "cd "
        + Shell.quote(runDir)
        + " || exit 1\necho $$ > "
        + PGID_FILE
        + "\n"
        + Shell.join(words)
        + "\nrc=$?\n"
        + "if [ $rc = 0 ] || [ $rc = 2 ]; then\n"
        + "  { [ -s "
        + ARF
        + " ] && [ -s "
        + REPORT
        + " ] && "
        + (compress
            ? "gzip -1 -c " + ARF + " > " + ARF_GZ + " && chmod 644 " + ARF_GZ
            : "chmod 644 " + ARF)
        + " "
        + REPORT
        + "; } || echo "
        + RESULTS_MISSING
        + "\nfi\nexit $rc";
  }

  private static void option(List<String> words, String name, String value) {
    if (value != null) {
      words.add(name);
      words.add(value);
    }
  }
}
