package dev.vigil.scap.arf;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real {@code oscap xccdf eval} writing both an ARF and a plain results file, and what oscap
 * wrote, read independently of ArfReader with regular expressions.
 */
record OscapRun(int exitCode, Path arf, Path results, String stdout) {
  private static final Pattern RULE_RESULT =
      Pattern.compile("<rule-result idref=\"([^\"]+)\"[^>]*>\\s*<result>(\\w+)</result>");
  private static final Pattern SCORE =
      Pattern.compile("<score system=\"([^\"]+)\" maximum=\"([^\"]+)\">([^<]+)</score>");
  private static final Pattern PRINTED =
      Pattern.compile(
          "^Rule\\r?\\t(\\S+)\\n(?:Ident\\r?\\t.*\\n)*Result\\r?\\t(\\w+)$", Pattern.MULTILINE);

  /**
   * Skips the calling test when oscap (with SCE when asked) or a file it needs is missing, unless
   * {@code CI=true}, where that is a failure.
   */
  static void assumeAvailable(boolean needSce, Path... files) throws Exception {
    String missing = null;
    if (!onPath()) {
      missing = "oscap is not on PATH";
    } else if (needSce && !version().contains("SCE")) {
      missing = "oscap --version lists no SCE plugin";
    }
    for (Path f : files) {
      missing = missing == null && !Files.exists(f) ? f + " is missing" : missing;
    }
    if (missing != null && "true".equals(System.getenv("CI"))) {
      fail(missing + ", and CI=true requires it");
    }
    assumeTrue(missing == null, "skipped: " + missing + " (set CI=true to fail instead)");
  }

  /** Runs {@code oscap xccdf eval} in {@code dir} with the profile, and the extra options given. */
  static OscapRun eval(Path dir, Path content, String profile, String... options)
      throws IOException, InterruptedException {
    Path arf = dir.resolve("arf.xml");
    Path results = dir.resolve("results.xml");
    List<String> cmd = new ArrayList<>(List.of("oscap", "xccdf", "eval", "--profile", profile));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("--results-arf", arf.toString(), "--results", results.toString()));
    cmd.add(content.toString());
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + cmd);
    }
    return new OscapRun(p.exitValue(), arf, results, out);
  }

  /** Runs a command in {@code dir}; fails unless it exits 0. */
  static void run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " failed: " + out);
    }
  }

  /** Rule id to XCCDF result, in file order, as the plain results file says. */
  Map<String, String> resultsFileRuleResults() throws IOException {
    return pairs(RULE_RESULT.matcher(Files.readString(results)));
  }

  /**
   * Rule id to XCCDF result for the rules oscap printed (the selected ones); the last one wins.
   * oscap writes a carriage return before each tab, to align its columns on a terminal.
   */
  Map<String, String> printedRuleResults() {
    return pairs(PRINTED.matcher(stdout));
  }

  /** The results file's scores as "system value/maximum". */
  List<String> resultsFileScores() throws IOException {
    Matcher m = SCORE.matcher(Files.readString(results));
    List<String> scores = new ArrayList<>();
    while (m.find()) {
      scores.add(
          m.group(1) + " " + Double.parseDouble(m.group(3)) + "/" + Double.parseDouble(m.group(2)));
    }
    return scores;
  }

  private static Map<String, String> pairs(Matcher m) {
    Map<String, String> pairs = new LinkedHashMap<>();
    while (m.find()) {
      pairs.remove(m.group(1));
      pairs.put(m.group(1), m.group(2));
    }
    return pairs;
  }

  private static boolean onPath() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, "oscap"))) {
        return true;
      }
    }
    return false;
  }

  private static String version() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("oscap", "--version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }
}
