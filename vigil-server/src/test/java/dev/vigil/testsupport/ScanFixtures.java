package dev.vigil.testsupport;

import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Scan test content and a direct local {@code oscap xccdf eval} to compare the engine with: the
 * project's nine-results benchmark (from vigil-scap's test resources) composed into a datastream,
 * and a datastream whose one rule sleeps, for timeouts and cancels.
 */
public final class ScanFixtures {

  public static final String NINE_PROFILE = "xccdf_dev.vigil_profile_nine-results";
  public static final String NINE_BENCHMARK = "xccdf_dev.vigil_benchmark_nine-results";
  public static final String SLOW_PROFILE = "xccdf_dev.vigil_profile_slow";

  /** The slow datastream's other profile: only its passing rule, no sleep. */
  public static final String QUICK_PROFILE = "xccdf_dev.vigil_profile_quick";

  /** Where Debian's ssg-debian package installs the SCAP Security Guide's datastreams. */
  public static final String SSG_CONTENT = "/usr/share/xml/scap/ssg/content";

  public static final Path SSG_DEBIAN11 = Path.of(SSG_CONTENT, "ssg-debian11-ds.xml");
  public static final String SSG_STANDARD = "xccdf_org.ssgproject.content_profile_standard";
  private static final Path NINE_RESULTS =
      Path.of("../vigil-scap/src/test/resources/dev/vigil/scap/arf/nine-results");

  private ScanFixtures() {}

  /** Skips (fails under CI=true) without sshd, root, an oscap with SCE, or the test content. */
  public static void requireScanning() {
    SshdHarness.requireRunnable();
    SshdHarness.requireThat(
        Files.isExecutable(Path.of("/usr/bin/oscap")), "scan tests need oscap (openscap-scanner)");
    SshdHarness.requireThat(
        run("oscap", "--version").contains("SCE"), "scan tests need oscap's SCE plugin");
    SshdHarness.requireThat(Files.isDirectory(NINE_RESULTS), "missing " + NINE_RESULTS);
    SshdHarness.requireThat(Files.exists(SSG_DEBIAN11), "scan tests need ssg-debian");
  }

  /** Copies the nine-results XCCDF, OVAL and SCE scripts into {@code dir}; returns the XCCDF. */
  public static Path nineResultsXccdf(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(NINE_RESULTS)) {
      for (Path f : files.toList()) {
        Path copy = Files.copy(f, dir.resolve(f.getFileName()));
        copy.toFile().setExecutable(copy.toString().endsWith(".sh"), false);
      }
    }
    return dir.resolve("nine-results-xccdf.xml");
  }

  /** The nine-results benchmark composed into a source datastream in {@code dir}. */
  public static Path nineResultsDatastream(Path dir) throws IOException {
    Path source = Files.createDirectories(dir.resolve("nine-source"));
    Path ds = dir.resolve("nine-results-ds.xml");
    runIn(source, "oscap", "ds", "sds-compose", nineResultsXccdf(source).toString(), ds.toString());
    return ds;
  }

  /**
   * The nine-results datastream made schema-invalid the way oscap refuses it: its data-stream's
   * required {@code checks} element renamed {@code extended-components} (well-formed, and indexed
   * fine by a reader that looks only at checklists).
   */
  public static Path schemaInvalidDatastream(Path dir) throws IOException {
    Path valid = nineResultsDatastream(Files.createDirectories(dir.resolve("valid-source")));
    String xml = Files.readString(valid);
    if (!xml.contains("<ds:checks>") || !xml.contains("</ds:checks>")) {
      throw new IllegalStateException("no ds:checks in " + valid);
    }
    Path bad = dir.resolve("schema-invalid-ds.xml");
    Files.writeString(
        bad,
        xml.replace("<ds:checks>", "<ds:extended-components>")
            .replace("</ds:checks>", "</ds:extended-components>"));
    return bad;
  }

  /**
   * The nine-results benchmark composed into a datastream whose benchmark and first rule
   * descriptions hold {@code references} predefined entity references ({@code &lt; &gt; &amp;}) in
   * all, as large SSG content does (RHEL 9's holds 25,430).
   */
  public static Path entityHeavyDatastream(Path dir, int references) throws IOException {
    Path source = Files.createDirectories(dir.resolve("entity-source"));
    Path xccdf = nineResultsXccdf(source);
    String refs = "a &lt; b &amp;&amp; c &gt; d; ";
    String half = refs.repeat(references / 8 + 1);
    String text =
        Files.readString(xccdf)
            .replace(
                "<description>One rule for each XCCDF rule result.</description>",
                "<description>" + half + "</description>")
            .replaceFirst(
                "(<Rule [^>]*>\\s*<title>[^<]*</title>)",
                "$1<description>" + half + "</description>");
    Files.writeString(xccdf, text);
    Path ds = dir.resolve("entity-heavy-ds.xml");
    runIn(source, "oscap", "ds", "sds-compose", xccdf.getFileName().toString(), ds.toString());
    return ds;
  }

  /** How many predefined entity references ({@code &lt; &gt; &amp; &quot; &apos;}) a file holds. */
  public static long predefinedReferences(Path file) throws IOException {
    return java.util.regex.Pattern.compile("&(lt|gt|amp|quot|apos);")
        .matcher(Files.readString(file))
        .results()
        .count();
  }

  /**
   * A datastream whose one rule's SCE check sleeps for {@code seconds} ({@link #SLOW_PROFILE}); its
   * {@link #QUICK_PROFILE} selects only a rule that passes at once.
   */
  public static Path slowDatastream(Path dir, int seconds) throws IOException {
    Path source = Files.createDirectories(dir.resolve("slow-source"));
    Path script = source.resolve("slow.sh");
    Files.writeString(script, "#!/bin/sh\nsleep " + seconds + "\nexit \"$XCCDF_RESULT_PASS\"\n");
    script.toFile().setExecutable(true, false);
    Files.copy(NINE_RESULTS.resolve("nine-results-oval.xml"), source.resolve("pass-oval.xml"));
    Files.writeString(
        source.resolve("slow-xccdf.xml"),
        String.join(
            "\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\"",
            "    id=\"xccdf_dev.vigil_benchmark_slow\" resolved=\"1\" xml:lang=\"en-US\">",
            "  <status>draft</status><title>Slow</title><version>1</version>",
            "  <Profile id=\"" + SLOW_PROFILE + "\"><title>Slow</title>",
            "    <select idref=\"xccdf_dev.vigil_rule_pass\" selected=\"true\"/>",
            "    <select idref=\"xccdf_dev.vigil_rule_slow\" selected=\"true\"/></Profile>",
            "  <Profile id=\"" + QUICK_PROFILE + "\"><title>Quick</title>",
            "    <select idref=\"xccdf_dev.vigil_rule_pass\" selected=\"true\"/></Profile>",
            "  <Rule id=\"xccdf_dev.vigil_rule_pass\" selected=\"false\"><title>Passes</title>",
            "    <check system=\"http://oval.mitre.org/XMLSchema/oval-definitions-5\">",
            "      <check-content-ref href=\"pass-oval.xml\" name=\"oval:dev.vigil:def:1\"/>",
            "    </check></Rule>",
            "  <Rule id=\"xccdf_dev.vigil_rule_slow\" selected=\"false\"><title>Sleeps</title>",
            "    <check system=\"http://open-scap.org/page/SCE\">",
            "      <check-content-ref href=\"slow.sh\"/></check></Rule>",
            "</Benchmark>",
            ""));
    Path ds = dir.resolve("slow-ds.xml");
    runIn(source, "oscap", "ds", "sds-compose", "slow-xccdf.xml", ds.toString());
    return ds;
  }

  /** One local {@code oscap xccdf eval} as this (root) process; returns its exit code. */
  /** The nine-results datastream's report from {@code oscap xccdf eval} run directly here. */
  public static ScanReport directNineResultsReport(Path datastream) throws Exception {
    Path arf = Files.createTempFile("vigil-direct", ".arf.xml");
    try {
      int exit = oscapEval(datastream, NINE_PROFILE, arf);
      if (exit != 2) {
        throw new IllegalStateException("oscap exited " + exit + " on " + datastream);
      }
      return new ArfReader().read(arf);
    } finally {
      Files.deleteIfExists(arf);
    }
  }

  public static int oscapEval(Path checklist, String profile, Path arf, String... options)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("oscap", "xccdf", "eval", "--profile", profile));
    command.addAll(List.of(options));
    command.addAll(List.of("--results-arf", arf.toString(), checklist.toString()));
    Process process =
        new ProcessBuilder(command)
            .directory(arf.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    try {
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("oscap timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return process.exitValue();
  }

  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a local command and returns its output; fails unless it exits 0. */
  public static String run(String... command) {
    return LocalCommands.run(null, command);
  }

  /** Runs a local command and returns its exit code. */
  public static int exitCode(String... command) {
    return LocalCommands.exitCode(command);
  }

  private static void runIn(Path dir, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
