package dev.vigil.bench;

import dev.vigil.scanning.ResultCompression;
import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanEngine;
import dev.vigil.scanning.ScanOutcome;
import dev.vigil.scanning.ScanPhase;
import dev.vigil.scanning.ScanRequest;
import dev.vigil.scanning.SshConnector;
import dev.vigil.scanning.SshSecret;
import dev.vigil.scanning.SshSession;
import dev.vigil.scanning.SshTarget;
import dev.vigil.scanning.TargetConnection;
import dev.vigil.scap.content.ChecklistInfo;
import dev.vigil.scap.content.ContentIndexer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Times one scan of a target over loopback SSH with vigil's {@link ScanEngine} (a first scan with
 * an empty target cache, and a re-scan with the checklist cached) against the named baselines on
 * the same host in the same run: a local {@code oscap xccdf eval} (no SSH at all) and {@code
 * oscap-ssh} (openscap-utils: copies the datastream and runs oscap over OpenSSH). Prints medians,
 * vigil's overhead over local oscap and its ratio to oscap-ssh.
 *
 * <p>Every contender gets the same checklist, profile, datastream and xccdf ids and writes an ARF
 * and an HTML report; oscap's exit codes 0 and 2 are both finished scans. Vigil's time is the wall
 * time of {@link ScanEngine#scan} in a warm JVM: connect, preflight, cache check (and upload),
 * oscap, ARF and report streamed back (plain on loopback; a second re-scan contender has them
 * gzip'd on the target, to show what compression costs here), run directory removed.
 */
public final class ScanBenchmark {
  private static final Duration CONNECT = Duration.ofSeconds(10);
  private static final Duration SCAN = Duration.ofMinutes(10);
  private static final Duration PROCESS = Duration.ofMinutes(10);

  private final String host;
  private final int port;
  private final Path key;
  private final Path checklist;
  private final String profile;
  private final ChecklistInfo ids;
  private final Path out;
  private final Path workDir;
  private final ScanEngine engine;
  private final ScanEngine gzipEngine;
  private final SshConnector connector;
  private long rescanBytesUploaded;
  private int rescans;
  private final ScanRequest request;
  private final Map<ScanPhase, List<Long>> firstPhases = new EnumMap<>(ScanPhase.class);
  private final Map<ScanPhase, List<Long>> rescanPhases = new EnumMap<>(ScanPhase.class);
  private boolean measuring;

  private ScanBenchmark(
      String host, int port, Path key, Path checklist, String profile, SshConnector connector)
      throws Exception {
    this.host = host;
    this.port = port;
    this.key = key;
    this.checklist = checklist;
    this.profile = profile;
    this.ids = checklistWith(checklist, profile);
    this.out = Files.createTempDirectory("vigil-scanbench-out-");
    // The target's work directory (the run directories and vigil-content-<uid> go there); the
    // target is this host, so the bench can empty its cache directly.
    this.workDir =
        Files.createTempDirectory(
            Path.of("/var/tmp"),
            "vigil-scanbench-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    this.connector = connector;
    this.engine = new ScanEngine(connector);
    this.gzipEngine = new ScanEngine(connector, Clock.systemUTC(), ResultCompression.ALWAYS);
    this.request =
        new ScanRequest(
            "bench-target",
            TargetConnection.ssh(sshTarget(), CONNECT),
            false,
            checklist,
            sha256(checklist),
            ids.dataStreamId(),
            ids.componentRefId(),
            null,
            profile,
            SCAN,
            workDir.toString());
  }

  private SshTarget sshTarget() throws IOException {
    return new SshTarget(
        host, port, "root", new SshSecret.PrivateKey(Files.readString(key), null), null);
  }

  /**
   * Arguments: host port private-key-file [datastream] [profile] [warm-ups] [measured runs];
   * defaults: SSG debian11, standard, 1, 7 (at least 5).
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: ScanBenchmark host port key [datastream] [profile] [warm-ups] [runs]");
      System.exit(64);
    }
    String host = args[0];
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      throw new IllegalArgumentException("only loopback targets: " + host);
    }
    int port = Integer.parseInt(args[1]);
    Path key = Path.of(args[2]);
    Path checklist =
        Path.of(args.length > 3 ? args[3] : "/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml");
    String profile = args.length > 4 ? args[4] : "xccdf_org.ssgproject.content_profile_standard";
    int warmups = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    int runs = Math.max(5, args.length > 6 ? Integer.parseInt(args[6]) : 7);

    // the shipped default proposes the post-quantum hybrid key exchange first;
    // SCAN_BENCH_PQ_KEX=false measures vigil.scanning.post-quantum-kex=false (curve25519 first)
    boolean postQuantumKex = !"false".equals(System.getenv("SCAN_BENCH_PQ_KEX"));
    System.out.println(
        "key exchange proposed first: "
            + (postQuantumKex ? "post-quantum hybrid (shipped default)" : "curve25519-sha256"));
    try (SshConnector connector =
        new SshConnector(SshConnector.DEFAULT_MAX_HANDSHAKES, postQuantumKex)) {
      ScanBenchmark bench = new ScanBenchmark(host, port, key, checklist, profile, connector);
      try {
        bench.run(warmups, runs);
      } finally {
        bench.cleanUp();
      }
    }
  }

  private void run(int warmups, int runs) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "checklist: %s (%.1f MB), profile %s%n  datastream %s, xccdf %s%n"
            + "target: root@%s:%d over SSH (loopback); %d warm-up(s), %d measured runs%n",
        checklist,
        Files.size(checklist) / 1e6,
        profile,
        ids.dataStreamId(),
        ids.componentRefId(),
        host,
        port,
        warmups,
        runs);

    Map<String, Task> contenders = new LinkedHashMap<>();
    contenders.put("local oscap xccdf eval", this::localOscap);
    contenders.put("oscap-ssh", this::oscapSsh);
    contenders.put("vigil engine, first scan", this::vigilFirstScan);
    contenders.put("vigil engine, re-scan", this::vigilRescan);
    contenders.put("vigil re-scan, gzip'd results", this::vigilGzipRescan);
    List<String> names = List.copyOf(contenders.keySet());
    Map<String, List<Long>> samples = new LinkedHashMap<>();
    names.forEach(n -> samples.put(n, new ArrayList<>()));

    for (int i = 0; i < warmups; i++) {
      for (String name : names) {
        contenders.get(name).run();
      }
    }
    measuring = true;
    // Interleaved, so that all contenders see the same background load on a shared machine; the
    // order rotates from round to round so that none always follows the same one.
    for (int i = 0; i < runs; i++) {
      for (int j = 0; j < names.size(); j++) {
        String name = names.get((i + j) % names.size());
        samples.get(name).add(contenders.get(name).run());
      }
    }
    report(samples);
    reportPhases("first scan", firstPhases);
    reportPhases("re-scan", rescanPhases);
    System.out.printf(
        Locale.ROOT,
        "content bytes uploaded on %d measured re-scans: %d (goal 0)%n",
        rescans,
        rescanBytesUploaded);
    reportCommandCost(runs);
  }

  /**
   * What one command channel costs on this target whatever the client: a session is opened once and
   * {@code true} run on it {@code runs} times (the wrapper a scan uses; sshd starts the login
   * user's shell, which reads its rc files). A re-scan pays this once; oscap-ssh once per command.
   */
  private void reportCommandCost(int runs) throws Exception {
    List<Long> samples = new ArrayList<>();
    try (SshSession session = connector.open(sshTarget(), CONNECT)) {
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        session.exec("true", CONNECT);
        samples.add(System.nanoTime() - start);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "one command channel on this target (exec of `true`, login shell start included): median"
            + " %.0f ms, samples ms: %s%n",
        median(samples) / 1e6,
        millis(samples));
  }

  private long localOscap() throws IOException {
    Path dir = Files.createTempDirectory(out, "local-");
    List<String> command = new ArrayList<>(List.of("oscap"));
    command.addAll(evalArgs(dir));
    return timeProcess(command, Map.of(), dir);
  }

  private long oscapSsh() throws IOException {
    Path dir = Files.createTempDirectory(out, "oscap-ssh-");
    List<String> command =
        new ArrayList<>(List.of("/usr/bin/oscap-ssh", "root@" + host, String.valueOf(port)));
    command.addAll(evalArgs(dir));
    String options =
        String.join(
            " ",
            "-i",
            key.toString(),
            "-o StrictHostKeyChecking=no",
            "-o UserKnownHostsFile=/dev/null",
            "-o LogLevel=ERROR");
    return timeProcess(command, Map.of("SSH_ADDITIONAL_OPTIONS", options), dir);
  }

  private long vigilFirstScan() throws Exception {
    emptyTargetCache();
    return vigilScan(Files.size(checklist), firstPhases);
  }

  private long vigilRescan() throws Exception {
    return vigilScan(engine, 0, rescanPhases);
  }

  /** A re-scan whose target gzips the results (vigil.scanning.compress-results=always). */
  private long vigilGzipRescan() throws Exception {
    return vigilScan(gzipEngine, 0, new EnumMap<>(ScanPhase.class));
  }

  private long vigilScan(long expectedUpload, Map<ScanPhase, List<Long>> phases) throws Exception {
    return vigilScan(engine, expectedUpload, phases);
  }

  private long vigilScan(ScanEngine with, long expectedUpload, Map<ScanPhase, List<Long>> phases)
      throws Exception {
    ScanControl control = new ScanControl();
    PhaseWatch watch = new PhaseWatch(control);
    long start = System.nanoTime();
    ScanOutcome outcome;
    try {
      outcome = with.scan(request, control);
    } finally {
      watch.close();
    }
    long nanos = System.nanoTime() - start;
    if (measuring) {
      watch
          .durations()
          .forEach((phase, d) -> phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(d));
    }
    if (measuring && expectedUpload == 0) {
      rescanBytesUploaded += outcome.bytesUploaded();
      rescans++;
    }
    try {
      if (outcome.bytesUploaded() != expectedUpload) {
        throw new IllegalStateException(
            "uploaded " + outcome.bytesUploaded() + " bytes, expected " + expectedUpload);
      }
      if (outcome.oscapExitCode() != 0 && outcome.oscapExitCode() != 2) {
        throw new IllegalStateException("oscap exit code " + outcome.oscapExitCode());
      }
    } finally {
      Files.deleteIfExists(outcome.arfFile());
      Files.deleteIfExists(outcome.reportHtml());
    }
    return nanos;
  }

  /** Removes {@code <work dir>/vigil-content-<uid>} on the target (this host). */
  private void emptyTargetCache() throws IOException {
    try (Stream<Path> files = Files.list(workDir)) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().startsWith("vigil-content-")) {
          deleteTree(f);
        }
      }
    }
  }

  private List<String> evalArgs(Path dir) {
    return List.of(
        "xccdf",
        "eval",
        "--profile",
        profile,
        "--datastream-id",
        ids.dataStreamId(),
        "--xccdf-id",
        ids.componentRefId(),
        "--results-arf",
        dir.resolve("arf.xml").toString(),
        "--report",
        dir.resolve("report.html").toString(),
        checklist.toString());
  }

  /** Wall time of one process; exit 0 and 2 are finished scans, and the ARF must be there. */
  private static long timeProcess(List<String> command, Map<String, String> env, Path dir)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.txt").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      if (!process.waitFor(PROCESS.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    long nanos = System.nanoTime() - start;
    int exit = process.exitValue();
    if ((exit != 0 && exit != 2) || Files.size(dir.resolve("arf.xml")) == 0) {
      throw new IOException(
          "exit " + exit + ": " + command + "\n" + Files.readString(dir.resolve("output.txt")));
    }
    deleteTree(dir);
    return nanos;
  }

  private static void report(Map<String, List<Long>> samples) {
    List<String> names = List.copyOf(samples.keySet());
    double local = median(samples.get(names.get(0)));
    double oscapSsh = median(samples.get(names.get(1)));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-28s %12s %18s %14s%n",
        "",
        "median time",
        "over local oscap",
        "vs oscap-ssh");
    for (String name : names) {
      double m = median(samples.get(name));
      System.out.printf(
          Locale.ROOT,
          "%-28s %9.0f ms %+15.0f ms %13.2f×%n",
          name,
          m / 1e6,
          (m - local) / 1e6,
          m / oscapSsh);
    }
    double first = median(samples.get(names.get(2)));
    double rescan = median(samples.get(names.get(3)));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "vigil overhead over local oscap: first scan %+.3f s, re-scan %+.3f s (goal ≤ 0.3 s)%n",
        (first - local) / 1e9,
        (rescan - local) / 1e9);
    System.out.printf(
        Locale.ROOT, "oscap-ssh overhead over local oscap: %+.3f s%n", (oscapSsh - local) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "vigil/oscap-ssh time: first scan %.2f, re-scan %.2f (goal < 1)%n",
        first / oscapSsh,
        rescan / oscapSsh);
    for (String name : names) {
      System.out.printf(Locale.ROOT, "%-28s samples ms: %s%n", name, millis(samples.get(name)));
    }
  }

  /** Median time per engine phase (polled, so approximate), to show where the overhead is. */
  private static void reportPhases(String what, Map<ScanPhase, List<Long>> phases) {
    StringBuilder line = new StringBuilder("vigil " + what + " phases, median ms:");
    phases.forEach(
        (phase, d) ->
            line.append(
                String.format(
                    Locale.ROOT,
                    " %s %.0f",
                    phase.name().toLowerCase(Locale.ROOT),
                    median(d) / 1e6)));
    System.out.println(line);
  }

  private void cleanUp() throws IOException {
    deleteTree(workDir);
    deleteTree(out);
  }

  private static ChecklistInfo checklistWith(Path checklist, String profile) throws Exception {
    return new ContentIndexer()
        .index(checklist, checklist.getFileName().toString()).checklists().stream()
            .filter(c -> c.dataStreamId() != null)
            .filter(c -> c.benchmark().profiles().stream().anyMatch(p -> p.id().equals(profile)))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no checklist of "
                            + checklist
                            + " in a datastream has profile "
                            + profile));
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static List<Long> millis(List<Long> nanos) {
    return nanos.stream().map(n -> n / 1_000_000).toList();
  }

  private static double median(List<Long> samples) {
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** One timed run of a contender, in nanoseconds. */
  private interface Task {
    long run() throws Exception;
  }
}
