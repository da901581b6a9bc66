package dev.vigil.bench;

import dev.vigil.inventory.ServerInput;
import dev.vigil.inventory.ServerService;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanDouble;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.VigilNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fan-out of job executions on one and two Vigil nodes: target runs recorded per second (the
 * median of several executions) and heap at 250 and at 1,000 targets, on H2 and on PostgreSQL, with
 * the scan double in place of oscap (a few milliseconds per target, real ARF parse and recording),
 * against the named baseline of db-scheduler alone running no-op tasks in the same shape on the
 * same database. Every node runs in this JVM (see {@link VigilNode}).
 */
public final class FanoutBenchmark {

  private static final String PASSWORD = "fanout-bench-pw";

  private final Settings s;
  private final Path work;
  private final ScanDouble.NineResults nine;
  private final List<Row> rows = new ArrayList<>();

  /** What every node and execution of the benchmark uses. */
  record Settings(
      int targets,
      int smallTargets,
      int runs,
      Duration scanDelay,
      int threads,
      Duration pollingInterval,
      int window,
      String pgUrl,
      String pgUser,
      String pgPassword) {}

  /** One line of the table. */
  record Row(
      String db,
      int nodes,
      int targets,
      double runsPerSecond,
      double baselinePerSecond,
      double cpuMsPerRun,
      double baselineCpuMsPerTask,
      long peakHeap,
      long afterGcHeap) {}

  /** One measured execution. */
  record Measured(double runsPerSecond, double cpuMsPerRun, long peakHeap, long afterGcHeap) {}

  /** The JVM's CPU time so far (all threads), in nanoseconds. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private FanoutBenchmark(Settings s, Path work) throws Exception {
    this.s = s;
    this.work = work;
    this.nine = ScanDouble.recordNineResults(Files.createDirectories(work.resolve("content")));
  }

  /**
   * Arguments: targets small-targets runs scan-delay-ms threads polling-ms window pg-url pg-user
   * [pg-password]; an empty pg-url leaves PostgreSQL out.
   */
  public static void main(String[] args) throws Exception {
    Settings s =
        new Settings(
            Integer.parseInt(args[0]),
            Integer.parseInt(args[1]),
            Math.max(3, Integer.parseInt(args[2])),
            Duration.ofMillis(Long.parseLong(args[3])),
            Integer.parseInt(args[4]),
            Duration.ofMillis(Long.parseLong(args[5])),
            Integer.parseInt(args[6]),
            args[7],
            args[8],
            args.length > 9 ? args[9] : "");
    Path work = Files.createTempDirectory("vigil-fanout-bench");
    FanoutBenchmark bench = new FanoutBenchmark(s, work);
    System.out.printf(
        Locale.ROOT,
        "scan double: %d ms per target; node: %d scheduler threads, polling %d ms; job: max"
            + " parallel %d; %d measured executions each%n",
        s.scanDelay().toMillis(),
        s.threads(),
        s.pollingInterval().toMillis(),
        s.window(),
        s.runs());
    // -Dfanout.h2=false measures PostgreSQL only
    if (!"false".equals(System.getProperty("fanout.h2"))) {
      bench.database("H2 (file)", null);
    }
    if (!s.pgUrl().isBlank()) {
      bench.postgres();
    }
    bench.print();
    System.exit(0);
  }

  private void postgres() throws Exception {
    String name = "vigil_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(s.pgUrl(), s.pgUser(), s.pgPassword());
        Statement st = c.createStatement()) {
      st.execute("create database " + name);
    }
    try {
      database("PostgreSQL", s.pgUrl().substring(0, s.pgUrl().lastIndexOf('/') + 1) + name);
    } finally {
      try (Connection c = DriverManager.getConnection(s.pgUrl(), s.pgUser(), s.pgPassword());
          Statement st = c.createStatement()) {
        st.execute("drop database if exists " + name + " with (force)");
      }
    }
  }

  /** One node, then (PostgreSQL only) two nodes, on a fresh database; null url: H2 file. */
  private void database(String db, String url) throws Exception {
    System.out.println();
    System.out.println("== " + db + " ==");
    Map<String, String> settings = settings(db, url);
    SqlCounter counter = new SqlCounter();
    try (VigilNode a =
        VigilNode.start(
            "a", ScanDouble.of("a", nine, s.scanDelay()), settings, counter::register)) {
      FleetApi fleet = new FleetApi(new ApiClient(a.port()).login("admin", PASSWORD));
      long pkg = fleet.readyPackage("nine-bench", nine.datastream());
      List<Long> servers = servers(a.bean(ServerService.class), s.targets());
      long small = job(fleet, "small", pkg, servers.subList(0, s.smallTargets()));
      long large = job(fleet, "large", pkg, servers);
      JdbcClient sql = JdbcClient.create(a.bean(DataSource.class));
      SchedulerBaseline baseline =
          new SchedulerBaseline(a.bean(DataSource.class), s.threads(), s.pollingInterval());

      // the JIT compiles the ARF parse (a per-byte decoding loop) only after thousands of runs on
      // two busy cores: without these, the measured executions still warm up (CPU per run falling
      // from one to the next), and a long-running node is warm
      int warmUp = Integer.getInteger("fanout.warmup", 3);
      System.out.println("warm-up: " + warmUp + " executions of " + s.targets() + " targets");
      baseline.run(s.smallTargets(), s.window());
      measure(fleet, sql, small, null);
      for (int i = 0; i < warmUp; i++) {
        measure(fleet, sql, large, null);
      }
      List<Double> base = new ArrayList<>();
      List<Double> baseCpu = new ArrayList<>();
      List<Measured> smallRuns = new ArrayList<>();
      List<Measured> largeRuns = new ArrayList<>();
      ThreadSampler sampler = null;
      try (HeapPeak heap = new HeapPeak()) {
        // Interleaved, so that each side sees the same background load on a shared machine.
        for (int i = 0; i < s.runs(); i++) {
          long cpu = cpuNanos();
          base.add(baseline.run(s.targets(), s.window()));
          baseCpu.add((cpuNanos() - cpu) / 1e6 / s.targets());
          smallRuns.add(measure(fleet, sql, small, heap));
          sampler = i == 0 ? new ThreadSampler() : null;
          counter.reset();
          largeRuns.add(measure(fleet, sql, large, heap));
          if (sampler != null) {
            sampler.close();
            System.out.println("SQL of that execution (" + db + ", one node, all threads):");
            counter.print(s.targets(), 24);
            System.out.println("where the target-run threads were (" + db + ", one node):");
            sampler.print(12);
          }
        }
      }
      double b = median(base);
      double bc = median(baseCpu);
      rows.add(row(db, 1, s.smallTargets(), smallRuns, b, bc));
      rows.add(row(db, 1, s.targets(), largeRuns, b, bc));
      if (url != null) {
        try (VigilNode second =
            VigilNode.start("b", ScanDouble.of("b", nine, s.scanDelay()), settings)) {
          measure(fleet, sql, small, null);
          List<Measured> two = new ArrayList<>();
          for (int i = 0; i < s.runs(); i++) {
            two.add(measure(fleet, sql, large, null));
          }
          rows.add(row(db, 2, s.targets(), two, b, bc));
          System.out.printf(
              "node b scanned %d of the target runs with two nodes%n",
              second.scans().scanned().size());
        }
      }
    }
  }

  private Map<String, String> settings(String db, String url) {
    Map<String, String> m = new LinkedHashMap<>();
    if (url == null) {
      m.put("vigil.data-dir", work.resolve("h2").toString());
    } else {
      m.put("vigil.data-dir", work.resolve("pg").toString());
      m.put("spring.datasource.url", url);
      m.put("spring.datasource.username", s.pgUser());
      m.put("spring.datasource.password", s.pgPassword());
    }
    m.put("vigil.access.admin-password", PASSWORD);
    m.put("vigil.inventory.master-key", Base64.getEncoder().encodeToString(new byte[32]));
    m.put("vigil.packages.allowed-file-roots", nine.datastream().getParent().toString());
    m.put("vigil.scheduler.threads", Integer.toString(s.threads()));
    m.put("vigil.scheduler.polling-interval", s.pollingInterval().toMillis() + "ms");
    m.put("vigil.scheduler.heartbeat-interval", "5s");
    m.put("vigil.scanning.max-concurrent", Integer.toString(s.threads()));
    m.put("spring.main.banner-mode", "off");
    m.put("logging.level.root", "WARN");
    return m;
  }

  private static List<Long> servers(ServerService service, int n) {
    List<Long> ids = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      ServerInput in =
          new ServerInput(
              String.format("bench-%04d", i),
              "localhost",
              null,
              null,
              null,
              false,
              "root",
              "local",
              null,
              List.of(),
              null);
      ids.add(service.create(in).id());
    }
    return ids;
  }

  private long job(FleetApi fleet, String name, long pkg, List<Long> servers) {
    return fleet.job(
        name,
        pkg,
        nine.datastream().getFileName().toString(),
        ScanFixtures.NINE_PROFILE,
        servers,
        s.window());
  }

  /** Executes the job, waits for its end; runs per second from its own start and end times. */
  private static Measured measure(FleetApi fleet, JdbcClient sql, long job, HeapPeak heap)
      throws InterruptedException {
    System.gc();
    if (heap != null) {
      heap.reset();
    }
    long cpu = cpuNanos();
    long execution = fleet.execute(job);
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    Map<String, Object> e;
    while (true) {
      e = sql.sql("select * from job_executions where id = ?").param(execution).query().singleRow();
      if (e.get("finished_at") != null) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("execution " + execution + " did not end: " + e);
      }
      Thread.sleep(50);
    }
    long peak = heap == null ? 0 : heap.peak();
    long afterGc = heap == null ? 0 : heap.afterGcPeak();
    int total = ((Number) e.get("total_count")).intValue();
    int done = ((Number) e.get("done_count")).intValue();
    if (done != total) {
      System.out.printf("  execution %d: only %d of %d target runs done%n", execution, done, total);
    }
    double seconds =
        Duration.between(at(e.get("created_at")), at(e.get("finished_at"))).toNanos() / 1e9;
    double cpuMs = (cpuNanos() - cpu) / 1e6 / Math.max(1, done);
    Measured m = new Measured(done / seconds, cpuMs, peak, afterGc);
    System.out.printf(
        Locale.ROOT,
        "  %5d target runs in %6.2f s: %7.1f runs/s, %5.2f CPU-ms/run, heap peak %4d MiB, after GC"
            + " %4d MiB%n",
        total,
        seconds,
        m.runsPerSecond(),
        m.cpuMsPerRun(),
        peak >> 20,
        afterGc >> 20);
    return m;
  }

  private static OffsetDateTime at(Object value) {
    if (value instanceof OffsetDateTime t) {
      return t;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
    throw new IllegalStateException("not a timestamp: " + value);
  }

  private static Row row(
      String db, int nodes, int targets, List<Measured> runs, double baseline, double baselineCpu) {
    List<Long> peaks = runs.stream().map(Measured::peakHeap).toList();
    List<Long> afterGc = runs.stream().map(Measured::afterGcHeap).toList();
    return new Row(
        db,
        nodes,
        targets,
        median(runs.stream().map(Measured::runsPerSecond).toList()),
        baseline,
        median(runs.stream().map(Measured::cpuMsPerRun).toList()),
        baselineCpu,
        Collections.max(peaks),
        Collections.max(afterGc));
  }

  private void print() {
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-12s %5s %7s %12s %16s %7s %11s %13s %11s %14s%n",
        "database",
        "nodes",
        "targets",
        "runs/s",
        "baseline tasks/s",
        "ratio",
        "CPU-ms/run",
        "base CPU-ms",
        "peak heap",
        "heap after GC");
    for (Row r : rows) {
      System.out.printf(
          Locale.ROOT,
          "%-12s %5d %7d %12.1f %16.1f %7.2f %11.2f %13.2f %11s %14s%n",
          r.db(),
          r.nodes(),
          r.targets(),
          r.runsPerSecond(),
          r.baselinePerSecond(),
          r.runsPerSecond() / r.baselinePerSecond(),
          r.cpuMsPerRun(),
          r.baselineCpuMsPerTask(),
          r.nodes() == 1 ? (r.peakHeap() >> 20) + " MiB" : "-",
          r.nodes() == 1 ? (r.afterGcHeap() >> 20) + " MiB" : "-");
    }
    rows.stream()
        .filter(r -> r.nodes() == 2)
        .findFirst()
        .ifPresent(
            two ->
                rows.stream()
                    .filter(r -> r.db().equals(two.db()) && r.nodes() == 1)
                    .filter(r -> r.targets() == two.targets())
                    .findFirst()
                    .ifPresent(
                        one ->
                            System.out.printf(
                                Locale.ROOT,
                                "%nscaling on %s: two nodes / one node = %.2f (goal 1.8)%n",
                                two.db(),
                                two.runsPerSecond() / one.runsPerSecond())));
    System.out.println(
        "runs/s: median over the executions, each from its start to its last target run's end;"
            + " baseline: db-scheduler alone, no-op tasks, same shape, threads and database;"
            + " CPU-ms/run: this JVM's CPU time (every thread, PostgreSQL not included) over the"
            + " execution / its runs, median; base CPU-ms: the same per baseline task;"
            + " heap: the largest of the executions (peak = before any GC, after GC = what a"
            + " collection left)");
  }

  private static double median(List<Double> samples) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
