package dev.vigil.scanning;

import java.util.ArrayList;
import java.util.List;

/** Builds the {@code oscap xccdf eval} command line of a scan, every word shell-quoted. */
final class OscapCommand {

  static final String ARF = "arf.xml";
  static final String REPORT = "report.html";

  private OscapCommand() {}

  /** The eval, with oscap's stdout (a line per rule) discarded and its stderr kept. */
  static String eval(String oscapPath, ScanRequest request, String runDir, String checklist) {
    List<String> words = new ArrayList<>(List.of(oscapPath, "xccdf", "eval"));
    words.addAll(List.of("--profile", request.profileId()));
    option(words, "--datastream-id", request.dataStreamId());
    option(words, "--xccdf-id", request.xccdfId());
    option(words, "--benchmark-id", request.benchmarkId());
    words.addAll(List.of("--results-arf", runDir + "/" + ARF));
    words.addAll(List.of("--report", runDir + "/" + REPORT));
    words.add(checklist);
    return "cd " + Shell.quote(runDir) + " && " + Shell.join(words) + " > /dev/null";
  }

  private static void option(List<String> words, String name, String value) {
    if (value != null) {
      words.add(name);
      words.add(value);
    }
  }
}
