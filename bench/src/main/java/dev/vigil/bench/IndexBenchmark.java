package dev.vigil.bench;

import dev.vigil.scap.content.ContentFile;
import dev.vigil.scap.content.ContentIndexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Times {@link ContentIndexer} on one datastream inside a warm JVM against {@code oscap info} on
 * the same file (the named baseline), and prints medians and ratios for time and peak memory; and
 * {@code oscap ds sds-validate} of the file, the validation indexing adds when oscap is on the
 * Vigil host (its cost against the index and against {@code oscap info}).
 *
 * <p>Memory: for vigil, the heap used increase during one index, read as the sum of the heap pools'
 * peak usage (peaks reset after a full GC right before the run) minus the used heap before it;
 * summing per-pool peaks over-estimates, never under-estimates. For oscap, the peak resident set
 * size of the process ({@code /usr/bin/time -f %M}, or VmHWM polled from /proc).
 */
public final class IndexBenchmark {
  private static final double MIB = 1024.0 * 1024.0;
  private static final com.sun.management.ThreadMXBean ALLOCATION =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
  private static long lastAllocated;

  private IndexBenchmark() {}

  /** Arguments: [file] [warm-ups] [measured runs]; defaults: SSG rhel9, 10, 10. */
  public static void main(String[] args) throws Exception {
    Path file =
        Path.of(args.length > 0 ? args[0] : "/usr/share/xml/scap/ssg/content/ssg-rhel9-ds.xml");
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int runs = Math.max(5, args.length > 2 ? Integer.parseInt(args[2]) : 10);

    System.out.printf(Locale.ROOT, "file: %s (%.1f MiB)%n", file, Files.size(file) / MIB);
    List<Sample> vigil = new ArrayList<>();
    List<Sample> oscap = new ArrayList<>();
    List<Sample> validate = new ArrayList<>();
    try (HeapPeak heap = new HeapPeak()) {
      ContentIndexer indexer = warmUp(file, warmups);
      // Interleaved, so that both sides see the same background load on a shared machine.
      for (int i = 0; i < runs; i++) {
        vigil.add(measureOnce(indexer, file, heap));
        oscap.add(OscapInfo.measureOnce(file));
        validate.add(OscapInfo.measureOnce(file, List.of("ds", "sds-validate")));
      }
    }
    report(vigil, oscap);
    reportValidation(vigil, oscap, validate);
  }

  private static ContentIndexer warmUp(Path file, int warmups) throws Exception {
    ContentIndexer indexer = new ContentIndexer();
    ContentFile last = indexer.index(file, file.getFileName().toString());
    for (int i = 1; i < warmups; i++) {
      last = indexer.index(file, file.getFileName().toString());
    }
    System.out.printf(
        "indexed: %s, %d checklist(s), %d profiles%n",
        last.kind(),
        last.checklists().size(),
        last.checklists().stream().mapToInt(c -> c.benchmark().profiles().size()).sum());
    return indexer;
  }

  private static Sample measureOnce(ContentIndexer indexer, Path file, HeapPeak heap)
      throws Exception {
    System.gc();
    Thread.sleep(50);
    long before = HeapPeak.used();
    heap.reset();
    long allocated = ALLOCATION.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    indexer.index(file, file.getFileName().toString());
    long nanos = System.nanoTime() - start;
    lastAllocated = ALLOCATION.getCurrentThreadAllocatedBytes() - allocated;
    return new Sample(nanos, Math.max(0, heap.peak() - before));
  }

  private static void report(List<Sample> vigil, List<Sample> oscap) throws IOException {
    double vt = median(vigil, true) / 1e6;
    double vm = median(vigil, false) / MIB;
    double ot = median(oscap, true) / 1e6;
    double om = median(oscap, false) / MIB;
    System.out.println();
    System.out.printf(Locale.ROOT, "%-34s %14s %22s%n", "", "median time", "median peak memory");
    System.out.printf(
        Locale.ROOT,
        "%-34s %11.0f ms %14.1f MiB heap%n",
        "vigil ContentIndexer (warm JVM)",
        vt,
        vm);
    System.out.printf(
        Locale.ROOT, "%-34s %11.0f ms %15.1f MiB RSS%n", "oscap info (process)", ot, om);
    System.out.printf(Locale.ROOT, "%noscap/vigil time   = %.1f×%n", ot / vt);
    System.out.printf(Locale.ROOT, "vigil/oscap memory = %.2f%n", vm / om);
    System.out.printf(
        Locale.ROOT,
        "(whole bench JVM peak RSS, for reference: %.1f MiB; heap max %.0f MiB)%n",
        OscapInfo.selfPeakRssKib() / 1024.0,
        Runtime.getRuntime().maxMemory() / MIB);
    System.out.printf(
        Locale.ROOT, "(vigil allocates %.1f MiB in total per index)%n", lastAllocated / MIB);
    System.out.println("vigil samples ms: " + millis(vigil));
    System.out.println("oscap samples ms: " + millis(oscap));
  }

  private static void reportValidation(
      List<Sample> vigil, List<Sample> oscap, List<Sample> validate) {
    double vt = median(vigil, true) / 1e6;
    double ot = median(oscap, true) / 1e6;
    double st = median(validate, true) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%n%-34s %11.0f ms %15.1f MiB RSS%n",
        "oscap ds sds-validate (process)",
        st,
        median(validate, false) / MIB);
    System.out.printf(Locale.ROOT, "validate/vigil index time = %.1f×%n", st / vt);
    System.out.printf(Locale.ROOT, "validate/oscap info time  = %.2f×%n", st / ot);
    System.out.println("validate samples ms: " + millis(validate));
  }

  private static List<Long> millis(List<Sample> samples) {
    return samples.stream().map(s -> s.nanos() / 1_000_000).toList();
  }

  private static double median(List<Sample> samples, boolean time) {
    List<Long> values =
        new ArrayList<>(samples.stream().map(s -> time ? s.nanos() : s.bytes()).toList());
    Collections.sort(values);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
  }

  /** One measured run: wall time and peak memory in bytes. */
  record Sample(long nanos, long bytes) {}
}
