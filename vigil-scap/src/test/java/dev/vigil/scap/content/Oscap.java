package dev.vigil.scap.content;

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
import java.util.stream.Stream;

/** Runs the real {@code oscap} and reads what it prints, for tests that compare against it. */
final class Oscap {
  static final Path SSG = Path.of("/usr/share/xml/scap/ssg/content");

  private static final Pattern REF = Pattern.compile("^\\tRef-Id: (.*)$");
  private static final Pattern TITLE = Pattern.compile("^\\t\\t\\tTitle: (.*)$");
  private static final Pattern ID = Pattern.compile("^\\t\\t\\t\\tId: (.*)$");
  private static final Pattern RESULT = Pattern.compile("<(?:\\w+:)?result>(\\w+)</");

  private Oscap() {}

  /**
   * Skips the calling test when oscap or the SSG content is missing, unless {@code CI=true}, where
   * a missing tool is a failure.
   */
  static void assumeInstalled() {
    boolean present = executable().isPresent() && Files.isDirectory(SSG);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("oscap or SSG content (" + SSG + ") is missing, and CI=true requires them");
    }
    assumeTrue(
        present,
        "skipped: oscap is not on PATH or " + SSG + " is missing (set CI=true to fail instead)");
  }

  private static java.util.Optional<Path> executable() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, "oscap"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static List<Path> datastreams() throws IOException {
    try (Stream<Path> files = Files.list(SSG)) {
      return files
          .filter(p -> p.getFileName().toString().matches("ssg-.*-ds\\.xml"))
          .sorted()
          .toList();
    }
  }

  /**
   * Selectable profiles as {@code oscap info} prints them: "refId profileId" to title, in order.
   * Abstract profiles, which oscap lists as "Id: x (abstract)" but refuses to evaluate, are left
   * out.
   */
  static Map<String, String> infoProfiles(Path file) throws IOException, InterruptedException {
    Map<String, String> profiles = new LinkedHashMap<>();
    String ref = null;
    String title = null;
    for (String line : run(List.of("oscap", "info", file.toString())).split("\n")) {
      Matcher m;
      if ((m = REF.matcher(line)).matches()) {
        ref = m.group(1);
      } else if ((m = TITLE.matcher(line)).matches()) {
        title = m.group(1);
      } else if ((m = ID.matcher(line)).matches() && !m.group(1).endsWith(" (abstract)")) {
        profiles.put(ref + " " + m.group(1), title);
      }
    }
    return profiles;
  }

  /** Rule-results other than notselected from {@code oscap xccdf eval}; null profile = default. */
  static int evalSelectedCount(Path file, String profile, Path workDir)
      throws IOException, InterruptedException {
    Path results = Files.createTempFile(workDir, "results", ".xml");
    List<String> cmd = new ArrayList<>(List.of("oscap", "xccdf", "eval"));
    if (profile != null) {
      cmd.addAll(List.of("--profile", profile));
    }
    cmd.addAll(List.of("--results", results.toString(), file.toString()));
    run(cmd);
    String xml = Files.readString(results);
    Files.delete(results);
    Matcher m = RESULT.matcher(xml);
    int count = 0;
    while (m.find()) {
      count += m.group(1).equals("notselected") ? 0 : 1;
    }
    return count;
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + cmd);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
