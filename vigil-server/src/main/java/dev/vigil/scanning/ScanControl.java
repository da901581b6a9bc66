package dev.vigil.scanning;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scan's handle for other threads: shows the phase the scan is in and how many rules oscap has
 * evaluated so far, and cancels it, killing the target's running oscap process group. Use one
 * control per scan.
 */
public final class ScanControl {

  private volatile ScanPhase phase = ScanPhase.PENDING;
  private final CountDownLatch killed = new CountDownLatch(1);
  private final AtomicInteger rulesEvaluated = new AtomicInteger();
  private boolean cancelled;
  private @Nullable TargetShell shell;
  private volatile Consumer<String> events = line -> {};
  private static final Logger log = LoggerFactory.getLogger(ScanControl.class);

  /** The phase the scan is in now. */
  public ScanPhase phase() {
    return phase;
  }

  /**
   * How many rules oscap has evaluated so far in this scan: rises live during {@link
   * ScanPhase#SCANNING}, one per rule result oscap reports (selected rules only, so a finished scan
   * counts the ARF's rule results other than {@code notselected}), and then stays. Safe from any
   * thread.
   */
  public int rulesEvaluated() {
    return rulesEvaluated.get();
  }

  void ruleEvaluated() {
    rulesEvaluated.incrementAndGet();
  }

  /**
   * Receives the lines worth keeping in the run's events while the scan runs, such as each failed
   * connection attempt that is tried again (from the scanning thread; a failing listener is
   * ignored).
   */
  public void onEvent(Consumer<String> listener) {
    events = Objects.requireNonNull(listener, "listener");
  }

  void event(String line) {
    try {
      events.accept(line);
    } catch (RuntimeException e) {
      log.warn("Cannot keep the scan event \"{}\": {}", line, e.toString());
    }
  }

  /** Waits {@code wait}, or less when the scan is cancelled meanwhile: then throws CANCELLED. */
  void pause(Duration wait, String targetName) throws ScanFailure {
    try {
      killed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScanFailure(FailureReason.CANCELLED, "scan of " + targetName + " interrupted");
    }
    checkNotCancelled(targetName);
  }

  /** Whether {@link #cancel()} was called. */
  public synchronized boolean cancelled() {
    return cancelled;
  }

  /**
   * Cancels the scan: what runs on the target now is killed (as a process group) before this
   * returns, and the scan ends with CANCELLED after removing its temporary directory. Idempotent.
   */
  public void cancel() {
    TargetShell current;
    synchronized (this) {
      cancelled = true;
      current = shell;
    }
    try {
      if (current != null) {
        current.cancel();
      }
    } finally {
      killed.countDown();
    }
  }

  /** Moves to {@code next}; throws CANCELLED when the scan was cancelled. */
  void enter(ScanPhase next, String targetName) throws ScanFailure {
    checkNotCancelled(targetName);
    phase = next;
  }

  /** Moves to {@code next} as the target reports it (from a reading thread; never throws). */
  void advance(ScanPhase next) {
    phase = next;
  }

  void checkNotCancelled(String targetName) throws ScanFailure {
    if (cancelled()) {
      throw new ScanFailure(FailureReason.CANCELLED, "scan of " + targetName + " cancelled");
    }
  }

  void finish() {
    phase = ScanPhase.FINISHED;
  }

  /** Routes a later {@link #cancel()} to {@code current}; cancels it now if cancel came first. */
  void attach(TargetShell current) {
    synchronized (this) {
      shell = current;
      if (!cancelled) {
        return;
      }
    }
    current.cancel();
  }

  synchronized void detach() {
    shell = null;
  }

  /** After a cancel, waits until the kill it started has finished. */
  void awaitKill(Duration timeout) {
    if (!cancelled()) {
      return;
    }
    try {
      killed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
