package dev.vigil.bench;

import dev.vigil.scap.arf.ArfReader;
import dev.vigil.scap.arf.ScanReport;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

/**
 * Times {@link ArfReader} on one ARF inside a warm JVM against the named baseline, a plain JDK StAX
 * pass over the same file that only walks the events, and prints median throughput and the ratio.
 */
public final class ArfBenchmark {
  private static final double MB = 1_000_000.0;

  private ArfBenchmark() {}

  /** Arguments: ARF file, [warm-ups] [measured runs]; defaults 10 and 10 (at least 5). */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int runs = Math.max(5, args.length > 2 ? Integer.parseInt(args[2]) : 10);
    long size = Files.size(file);
    System.out.printf(Locale.ROOT, "file: %s (%.1f MB)%n", file, size / MB);

    ArfReader reader = new ArfReader();
    XMLInputFactory plain = XMLInputFactory.newFactory();
    ScanReport report = null;
    for (int i = 0; i < warmups; i++) {
      report = reader.read(file);
      plainPass(plain, file);
    }
    System.out.printf(
        "read: %s, %d rule results: %s%n",
        report.benchmarkId(), report.ruleResults().size(), report.summary());

    List<Long> vigil = new ArrayList<>();
    List<Long> baseline = new ArrayList<>();
    // Interleaved, so that both sides see the same background load on a shared machine.
    for (int i = 0; i < runs; i++) {
      vigil.add(time(() -> reader.read(file)));
      baseline.add(time(() -> plainPass(plain, file)));
    }
    report(size, vigil, baseline);
  }

  /** The baseline: every StAX event of the file, nothing done with it. */
  static int plainPass(XMLInputFactory factory, Path file) throws Exception {
    int events = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      XMLStreamReader r = factory.createXMLStreamReader(in);
      while (r.hasNext()) {
        r.next();
        events++;
      }
      r.close();
    }
    return events;
  }

  private static long time(Task task) throws Exception {
    System.gc();
    long start = System.nanoTime();
    task.run();
    return System.nanoTime() - start;
  }

  private static void report(long size, List<Long> vigil, List<Long> baseline) {
    double v = size / MB / (median(vigil) / 1e9);
    double b = size / MB / (median(baseline) / 1e9);
    System.out.println();
    System.out.printf(Locale.ROOT, "%-36s %14s %12s%n", "", "median time", "throughput");
    System.out.printf(
        Locale.ROOT, "%-36s %11.0f ms %7.0f MB/s%n", "vigil ArfReader", median(vigil) / 1e6, v);
    System.out.printf(
        Locale.ROOT,
        "%-36s %11.0f ms %7.0f MB/s%n",
        "baseline: plain JDK StAX pass",
        median(baseline) / 1e6,
        b);
    System.out.printf(Locale.ROOT, "%nvigil/baseline throughput = %.2f%n", v / b);
    System.out.println("vigil samples ms:    " + millis(vigil));
    System.out.println("baseline samples ms: " + millis(baseline));
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
