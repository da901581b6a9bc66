package dev.vigil.scanning;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
  private TargetShell shell;

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
