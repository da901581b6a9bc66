package dev.vigil.bench;

import dev.vigil.VigilApplication;
import dev.vigil.inventory.ServerInput;
import dev.vigil.inventory.ServerService;
import dev.vigil.packages.PackageInput;
import dev.vigil.packages.PackageService;
import dev.vigil.results.NewScan;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanOrigin;
import dev.vigil.results.SecurityScan;
import dev.vigil.results.StorageFootprint;
import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.storage.BlobStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Times ARF ingest as Vigil records a scan (ArfReader parse + {@code ResultService.record}: the
 * datastream cut out, the rest compressed into the blob store, rule result codes) on an H2 file
 * database inside the real application, against baselines measured in the same run: the parse
 * alone, gzip of the raw ARF, and parse + storing the whole ARF as a blob (how scans were stored
 * before). Prints median throughput in MB/s of raw ARF, ratios, and bytes stored per scan.
 */
public final class IngestBenchmark {
  private static final double MB = 1_000_000.0;

  /** The admin password of the application this benchmark starts. */
  static final String ADMIN_PASSWORD = "ingest-bench-admin-pw";

  private IngestBenchmark() {}

  /** Arguments: ARF, its datastream, work folder, [warm-ups] [measured runs]. */
  public static void main(String[] args) throws Exception {
    Path arf = Path.of(args[0]);
    Path datastream = Path.of(args[1]).toAbsolutePath();
    Path work = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
    int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int runs = Math.max(5, args.length > 4 ? Integer.parseInt(args[4]) : 10);
    long size = Files.size(arf);
    System.out.printf(Locale.ROOT, "ARF: %s (%.2f MB)%n", arf, size / MB);
    List<Path> variants = variants(arf, work, warmups + 2 * runs);

    try (ConfigurableApplicationContext app = start(datastream.getParent(), work)) {
      Ingest ingest = new Ingest(app, datastream);
      ArfReader reader = new ArfReader();
      BlobStore blobs = app.getBean(BlobStore.class);
      int next = 0;
      SecurityScan last = null;
      for (int i = 0; i < warmups; i++) {
        last = ingest.record(variants.get(next++));
        reader.read(arf);
        gzip(arf);
      }
      List<Long> vigil = new ArrayList<>();
      List<Long> parse = new ArrayList<>();
      List<Long> gzip = new ArrayList<>();
      List<Long> whole = new ArrayList<>();
      // Interleaved, so that every side sees the same background load on a shared machine.
      for (int i = 0; i < runs; i++) {
        Path v = variants.get(next++);
        SecurityScan[] out = new SecurityScan[1];
        vigil.add(time(() -> out[0] = ingest.record(v)));
        last = out[0];
        parse.add(time(() -> reader.read(arf)));
        gzip.add(time(() -> gzip(arf)));
        Path w = variants.get(next++);
        whole.add(
            time(
                () -> {
                  reader.read(w);
                  blobs.put(w);
                }));
      }
      StorageFootprint f = app.getBean(ResultService.class).footprint(last.id());
      report(size, vigil, parse, gzip, whole);
      bytes(f, gzipSize(arf));
    }
  }

  /** The real application on an H2 file database, its scheduler on, for the package fetch. */
  private static ConfigurableApplicationContext start(Path contentRoot, Path work) {
    return start(
        contentRoot,
        work,
        List.of(
            "--spring.datasource.url=jdbc:h2:file:"
                + work.resolve("db/vigil")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
  }

  /**
   * The real application on the database {@code datasource} names ({@code --spring.datasource.*}
   * arguments), its scheduler on, for the package fetch.
   */
  static ConfigurableApplicationContext start(
      Path contentRoot, Path work, List<String> datasource) {
    List<String> args = new ArrayList<>(datasource);
    args.addAll(
        List.of(
            "--server.port=0",
            "--vigil.data-dir=" + work.resolve("data"),
            "--vigil.access.admin-password=" + ADMIN_PASSWORD,
            "--vigil.packages.allowed-file-roots=" + contentRoot,
            "--vigil.scheduler.polling-interval=200ms",
            "--logging.level.root=WARN"));
    return new SpringApplicationBuilder(VigilApplication.class).run(args.toArray(String[]::new));
  }

  /** One package holding the datastream, one server, and recording scans of them. */
  static final class Ingest {
    private final ResultService results;
    private final ArfReader reader = new ArfReader();
    private final long serverId;
    private final long packageId;
    private final long versionId;
    private final String checklistPath;

    Ingest(ConfigurableApplicationContext app, Path datastream) throws InterruptedException {
      results = app.getBean(ResultService.class);
      PackageService packages = app.getBean(PackageService.class);
      long pkg =
          packages
              .create(
                  new PackageInput(
                      "ingest-bench", null, datastream.toUri().toString(), true, null, List.of()),
                  "bench")
              .id();
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (packages.get(pkg).currentVersionId() == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "package not ready: " + packages.get(pkg).statusMessage());
        }
        Thread.sleep(200);
      }
      packageId = pkg;
      versionId = packages.get(pkg).currentVersionId();
      checklistPath = packages.checklists(pkg).get(0).path();
      serverId =
          app.getBean(ServerService.class)
              .create(
                  new ServerInput(
                      "bench-host",
                      "localhost",
                      null,
                      null,
                      null,
                      false,
                      "root",
                      "local",
                      null,
                      List.of(),
                      null))
              .id();
    }

    SecurityScan record(Path arf) throws Exception {
      ScanReport report = reader.read(arf);
      return results.record(
          new NewScan(
              serverId,
              "bench-host",
              packageId,
              "ingest-bench",
              versionId,
              checklistPath,
              report.profileId(),
              report,
              arf,
              null,
              "bench",
              Instant.EPOCH,
              Instant.EPOCH.plusSeconds(60),
              "bench",
              ScanOrigin.NONE));
    }
  }

  /**
   * Copies of the ARF that differ in the TestResult's end time, as the ARFs of different scans do,
   * so that the blob store cannot answer "already stored".
   */
  static List<Path> variants(Path arf, Path work, int n) throws Exception {
    byte[] bytes = Files.readAllBytes(arf);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.lastIndexOf(" end-time=\"");
    if (at < 0) {
      throw new IllegalArgumentException("no end-time in " + arf);
    }
    at += " end-time=\"".length();
    List<Path> out = new ArrayList<>();
    Path dir = Files.createDirectories(work.resolve("variants"));
    for (int i = 0; i < n; i++) {
      String stamp = String.format(Locale.ROOT, "2030-01-01T00:%02d:%02d", i / 60 % 60, i % 60);
      byte[] copy = bytes.clone();
      System.arraycopy(stamp.getBytes(StandardCharsets.US_ASCII), 0, copy, at, stamp.length());
      out.add(Files.write(dir.resolve("arf-" + i + ".xml"), copy));
    }
    return out;
  }

  private static long gzip(Path file) throws Exception {
    CountingStream counter = new CountingStream();
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = new GZIPOutputStream(counter, 64 * 1024)) {
      in.transferTo(out);
    }
    return counter.count;
  }

  private static long gzipSize(Path file) throws Exception {
    return gzip(file);
  }

  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  private static long time(Task task) throws Exception {
    System.gc();
    long start = System.nanoTime();
    task.run();
    return System.nanoTime() - start;
  }

  private static void report(
      long size, List<Long> vigil, List<Long> parse, List<Long> gzip, List<Long> whole) {
    double v = mbps(size, vigil);
    System.out.println();
    System.out.printf(
        Locale.ROOT, "%-52s %12s %12s %10s%n", "", "median time", "throughput", "vigil/this");
    line("vigil ingest: parse + compact record (H2 file)", vigil, size, v);
    line("baseline: ArfReader parse only", parse, size, v);
    line("baseline: gzip of the raw ARF", gzip, size, v);
    line("baseline: parse + whole ARF into the blob store", whole, size, v);
    System.out.println("vigil samples ms: " + millis(vigil));
  }

  private static void line(String what, List<Long> samples, long size, double vigil) {
    double t = mbps(size, samples);
    System.out.printf(
        Locale.ROOT,
        "%-52s %9.0f ms %7.1f MB/s %9.2f%n",
        what,
        median(samples) / 1e6,
        t,
        vigil / t);
  }

  private static void bytes(StorageFootprint f, long gzipWhole) {
    System.out.println();
    System.out.printf(
        Locale.ROOT, "raw ARF                              %,12d bytes%n", f.arfRawBytes());
    System.out.printf(
        Locale.ROOT,
        "stored per scan (ARF blob %,d + rule codes %,d) %,d bytes = %.2f%% of the raw ARF%n",
        f.arfStoredBytes(),
        f.ruleResultBytes(),
        f.perScanBytes(),
        100 * f.perScanRatio());
    System.out.printf(
        Locale.ROOT,
        "baseline: gzip of the whole ARF      %,12d bytes = %.2f%% (vigil/baseline = %.3f)%n",
        gzipWhole,
        100.0 * gzipWhole / f.arfRawBytes(),
        (double) f.perScanBytes() / gzipWhole);
    System.out.printf(
        Locale.ROOT,
        "stored once, shared: datastream blob %,d bytes (%s), rule dictionary %,d bytes of text%n",
        f.datastreamStoredBytes(),
        f.datastreamSha256() == null ? "none: ARF stored whole" : "cut out",
        f.ruleDictionaryTextBytes());
  }

  private static double mbps(long size, List<Long> samples) {
    return size / MB / (median(samples) / 1e9);
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

  /** Something timed. */
  private interface Task {
    void run() throws Exception;
  }
}
