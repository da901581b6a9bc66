package dev.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A poor man's profiler, the in-process equivalent of {@code jcmd <pid> Thread.print} taken every
 * 20 ms: for every thread inside a target run's task it counts where the innermost {@code
 * dev.vigil} frame is and what the top frame does, and how many such threads were busy on average.
 */
final class ThreadSampler implements AutoCloseable {

  private static final String TASK_FRAME = "dev.vigil.executions.TargetRunTask";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<String, Integer> where = new HashMap<>();
  private final Thread sampler;
  private volatile boolean running = true;
  private int samples;
  private long busy;

  ThreadSampler() {
    sampler = new Thread(this::loop, "bench-thread-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void loop() {
    while (running) {
      sample();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    samples++;
    for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
      StackTraceElement[] stack = info.getStackTrace();
      if (!inTask(stack)) {
        continue;
      }
      busy++;
      where.merge(classify(info, stack), 1, Integer::sum);
    }
  }

  private static boolean inTask(StackTraceElement[] stack) {
    for (StackTraceElement f : stack) {
      if (f.getClassName().startsWith(TASK_FRAME)) {
        return true;
      }
    }
    return false;
  }

  private static String classify(ThreadInfo info, StackTraceElement[] stack) {
    String vigil = "?";
    for (StackTraceElement f : stack) {
      if (f.getClassName().startsWith("dev.vigil.")) {
        vigil = simple(f);
        break;
      }
    }
    String top = stack.length == 0 ? "?" : simple(stack[0]);
    for (StackTraceElement f : stack) {
      if (f.getClassName().equals("com.zaxxer.hikari.pool.HikariPool")
          && f.getMethodName().equals("getConnection")) {
        top = "(waits for a pooled connection)";
        break;
      }
      if (f.getClassName().startsWith("org.postgresql.core.v3.QueryExecutorImpl")) {
        top = "(waits for PostgreSQL)";
        break;
      }
    }
    return String.format(
        Locale.ROOT, "%-52s %-44s %s", vigil, top, info.getThreadState().name().toLowerCase());
  }

  private static String simple(StackTraceElement f) {
    String c = f.getClassName();
    return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
  }

  /** Prints the busy threads' mean and the most frequent places, as shares of busy samples. */
  synchronized void print(int top) {
    System.out.printf(
        Locale.ROOT,
        "  %d samples, on average %.1f threads inside a target run%n",
        samples,
        samples == 0 ? 0.0 : (double) busy / samples);
    System.out.printf(
        Locale.ROOT, "  %6s  %-52s %-44s %s%n", "share", "innermost vigil frame", "top frame", "");
    where.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / busy, e.getKey()));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
  }
}
