package dev.vigil.testsupport;

import dev.vigil.scanning.FailureReason;
import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanEngine;
import dev.vigil.scanning.ScanFailure;
import dev.vigil.scanning.ScanOutcome;
import dev.vigil.scanning.ScanRequest;
import dev.vigil.scanning.SshConnector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST DOUBLE of the scan engine, the only one the cluster tests and the fan-out and fleet
 * benchmarks use: it "scans" any target after a set delay by handing back a copy of a real ARF and
 * HTML report that the real {@code oscap} wrote once (the nine-results content, or any other ARF),
 * so the real ARF parse and {@code ResultService.record} run for every target run. Each ARF copy
 * differs only inside its TestResult (a unique comment right after its start tag), so no two scans
 * store the same blob while the embedded datastream stays the same and is stored once, as in
 * production. It remembers which targets it scanned (this double stands for one node), can hold
 * scans (to catch a node mid-scan) and can make held scans die as on a crashed node.
 */
public final class ScanDouble extends ScanEngine implements AutoCloseable {

  private final String node;
  private final byte[] arf;
  private final int testResultBody;
  private final byte[] report;
  private final Duration delay;
  private final SshConnector unused;
  private final Queue<String> scanned = new ConcurrentLinkedQueue<>();
  private final Queue<String> held = new ConcurrentLinkedQueue<>();
  private final AtomicInteger holding = new AtomicInteger();
  private final Object gate = new Object();
  private volatile Set<String> only; // when not null, the only targets held
  private volatile boolean hold;
  private volatile boolean crashed;

  private ScanDouble(String node, byte[] arf, byte[] report, Duration delay, SshConnector c) {
    super(c);
    this.node = node;
    this.arf = arf;
    this.testResultBody = testResultBody(arf);
    this.report = report;
    this.delay = delay;
    this.unused = c;
  }

  /**
   * A double for {@code node} answering every scan after {@code delay} with copies of the ARF and
   * report {@link #recordNineResults} wrote.
   */
  public static ScanDouble of(String node, NineResults results, Duration delay) {
    return of(node, results.arf(), results.report(), delay);
  }

  /**
   * A double for {@code node} answering every scan after {@code delay} with copies of an ARF and
   * HTML report that the real oscap wrote.
   */
  public static ScanDouble of(String node, Path arf, Path report, Duration delay) {
    try {
      return new ScanDouble(
          node, Files.readAllBytes(arf), Files.readAllBytes(report), delay, new SshConnector());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The nine-results datastream, and the ARF and report the real oscap wrote for it. */
  public record NineResults(Path datastream, Path arf, Path report) {}

  /** Composes the nine-results datastream into {@code dir} and scans it once with local oscap. */
  public static NineResults recordNineResults(Path dir) throws IOException {
    Path ds = ScanFixtures.nineResultsDatastream(dir);
    Path arf = dir.resolve("nine-results-arf.xml");
    Path report = dir.resolve("nine-results-report.html");
    int exit =
        ScanFixtures.oscapEval(ds, ScanFixtures.NINE_PROFILE, arf, "--report", report.toString());
    if (exit != 2) {
      throw new IllegalStateException("oscap exited " + exit + " on " + ds + ", expected 2");
    }
    return new NineResults(ds, arf, report);
  }

  @Override
  public ScanOutcome scan(ScanRequest request, ScanControl control) throws ScanFailure {
    Instant started = Instant.now();
    waitWhileHeld(request.targetName());
    if (crashed) {
      throw new IllegalStateException("scan double: node " + node + " crashed");
    }
    if (control.cancelled()) {
      throw new ScanFailure(
          FailureReason.CANCELLED, "scan of " + request.targetName() + " cancelled");
    }
    pause(delay);
    String mark = "\n<!-- scan double " + node + " " + UUID.randomUUID() + " -->\n";
    ScanOutcome outcome =
        new ScanOutcome(
            copy(arf, testResultBody, mark, ".arf.xml"),
            copy(report, report.length, mark, ".html"),
            2,
            "scan double",
            0,
            null,
            started,
            Instant.now());
    scanned.add(request.targetName());
    return outcome;
  }

  /** The node this double stands for. */
  public String node() {
    return node;
  }

  /** Target names this double answered, one entry per scan, in order. */
  public List<String> scanned() {
    return List.copyOf(scanned);
  }

  /** Target names whose scan is waiting in {@link #hold()} now or waited there. */
  public List<String> held() {
    return List.copyOf(held);
  }

  /** Scans waiting in {@link #hold()} right now. */
  public int holding() {
    return holding.get();
  }

  /** From now on every scan waits (before it does anything) until {@link #release()}. */
  public void hold() {
    only = null;
    hold = true;
  }

  /**
   * From now on only the scans of {@code targets} wait (those held now and later ones) until {@link
   * #release()}; every other held scan goes on, and later ones do not wait.
   */
  public void holdOnly(Collection<String> targets) {
    synchronized (gate) {
      only = Set.copyOf(targets);
      gate.notifyAll();
    }
  }

  /** Lets held scans go on. */
  public void release() {
    synchronized (gate) {
      hold = false;
      only = null;
      gate.notifyAll();
    }
  }

  /** Every held and later scan fails at once, as on a node that died mid-scan. */
  public void crash() {
    synchronized (gate) {
      crashed = true;
      gate.notifyAll();
    }
  }

  @Override
  public void close() {
    crash();
    unused.close();
  }

  private boolean isHeld(String target) {
    Set<String> targets = only;
    return targets == null || targets.contains(target);
  }

  private void waitWhileHeld(String target) {
    if (!hold) {
      return;
    }
    synchronized (gate) {
      if (!hold || crashed || !isHeld(target)) {
        return;
      }
      held.add(target);
      holding.incrementAndGet();
      try {
        while (hold && !crashed && isHeld(target)) {
          gate.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("scan double: held scan of " + target + " interrupted");
      } finally {
        holding.decrementAndGet();
      }
    }
  }

  private static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan double interrupted", e);
    }
  }

  /** Where the ARF's TestResult element starts its content: after its start tag's {@code >}. */
  private static int testResultBody(byte[] arf) {
    String text = new String(arf, StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("<([A-Za-z0-9_.-]+:)?TestResult[\\s>]").matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("scan double: the ARF has no TestResult");
    }
    return text.indexOf('>', m.start()) + 1;
  }

  /** A copy of the template with {@code mark} inserted at {@code at}. */
  private static Path copy(byte[] template, int at, String mark, String suffix) {
    try {
      Path f = Files.createTempFile("vigil-scan-double", suffix);
      try (OutputStream out = Files.newOutputStream(f)) {
        out.write(template, 0, at);
        out.write(mark.getBytes(StandardCharsets.UTF_8));
        out.write(template, at, template.length - at);
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
