package dev.vigil.bench;

import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.VigilProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The fleet and scale-out benchmarks: Vigil nodes, each a JVM of its own ({@link FleetNode}, the
 * named scan double answering every target after a set delay with a unique copy of a real SSG ARF),
 * run one job over many targets on PostgreSQL. Per configuration: sustained targets per hour, the
 * nodes' CPU (process CPU time / wall time) and CPU-milliseconds per target run, against the
 * baseline measured in the same run: the ingest of the same ARF alone (parse + record, the same
 * code, on the same database) in CPU-milliseconds per ARF.
 *
 * <p>{@code fleet}: one node, unconstrained, on this machine. {@code scale-out}: one node, then
 * two, each held to one core's worth by a cgroup v1 CPU quota (PostgreSQL unconstrained).
 */
public final class FleetBenchmark {

  /** The ingest baseline, on the same database, makes the admin first. */
  private static final String PASSWORD = IngestBenchmark.ADMIN_PASSWORD;

  private static final Path CGROUPS = Path.of("/sys/fs/cgroup/cpu");
  private static final long TICKS_PER_SECOND = 100;

  /** What the nodes and the job use. */
  record Settings(
      String mode,
      int targets,
      Duration scanDelay,
      int slots,
      int threads,
      Duration pollingInterval,
      int window,
      Path arf,
      Path report,
      Path datastream,
      String profile,
      String pgUrl,
      String pgUser,
      String pgPassword,
      Path work) {

    boolean quota() {
      return mode.equals("scale-out");
    }
  }

  /** One measured execution. */
  record Row(
      String what,
      int nodes,
      int targets,
      double wholeSeconds,
      double perHour,
      double cpuShareOfCore,
      double cpuMsPerRun,
      double machineBusy,
      String scannedBy) {}

  /** One observation during an execution. */
  record Sample(long nanos, int ended, long nodeCpuMs, long machineBusy, long machineTotal) {}

  private final Settings s;
  private final String url;
  private final List<VigilProcess> nodes = new ArrayList<>();
  private final List<Path> cgroups = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();

  private FleetBenchmark(Settings s, String url) {
    this.s = s;
    this.url = url;
  }

  /**
   * Arguments: fleet|scale-out targets scan-ms slots threads polling-ms window arf report
   * datastream profile pg-url pg-user [pg-password].
   */
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("vigil-fleet-bench");
    Settings s =
        new Settings(
            args[0],
            Integer.parseInt(args[1]),
            Duration.ofMillis(Long.parseLong(args[2])),
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]),
            Duration.ofMillis(Long.parseLong(args[5])),
            Integer.parseInt(args[6]),
            Path.of(args[7]).toAbsolutePath(),
            Path.of(args[8]).toAbsolutePath(),
            Path.of(args[9]).toAbsolutePath(),
            args[10],
            args[11],
            args[12],
            args.length > 13 ? args[13] : "",
            work);
    if (!s.mode().equals("fleet") && !s.quota()) {
      throw new IllegalArgumentException("mode is fleet or scale-out, not " + s.mode());
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %d targets, scan double %d ms with %s (%,d bytes); per node %d scan slots, %d"
            + " scheduler threads, polling %d ms; job max parallel %d; %s; %s%n",
        s.mode(),
        s.targets(),
        s.scanDelay().toMillis(),
        s.arf().getFileName(),
        Files.size(s.arf()),
        s.slots(),
        s.threads(),
        s.pollingInterval().toMillis(),
        s.window(),
        s.quota() ? "each node under a CPU quota of one core" : "no CPU limit",
        load());
    String db = "vigil_fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    sql(s.pgUrl(), s, "create database " + db);
    String url = s.pgUrl().substring(0, s.pgUrl().lastIndexOf('/') + 1) + db;
    FleetBenchmark bench = new FleetBenchmark(s, url);
    // a benchmark stopped with SIGTERM still stops its nodes and removes its cgroups
    Runtime.getRuntime().addShutdownHook(new Thread(bench::stopNodes, "fleet-bench-stop"));
    int status = 0;
    try {
      double ingest = bench.ingestBaseline();
      bench.run();
      bench.print(ingest);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    } finally {
      bench.stopNodes();
      sql(s.pgUrl(), s, "drop database if exists " + db + " with (force)");
    }
    System.exit(status);
  }

  /**
   * CPU-milliseconds of this JVM per ARF ingested (parse + {@code ResultService.record}) into the
   * same database, after warm-up: what each target run cannot do without.
   */
  private double ingestBaseline() throws Exception {
    Path content = Files.createDirectories(s.work().resolve("ingest-content"));
    Path ds = Files.copy(s.datastream(), content.resolve(s.datastream().getFileName()));
    int warmups = 40;
    int runs = 40;
    List<Path> variants =
        IngestBenchmark.variants(s.arf(), s.work().resolve("ingest"), warmups + runs);
    try (var app =
        IngestBenchmark.start(
            content,
            s.work().resolve("ingest"),
            List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + s.pgUser(),
                "--spring.datasource.password=" + s.pgPassword()))) {
      IngestBenchmark.Ingest ingest = new IngestBenchmark.Ingest(app, ds);
      for (int i = 0; i < warmups; i++) {
        ingest.record(variants.get(i));
      }
      System.gc();
      long cpu = processCpuNanos();
      long wall = System.nanoTime();
      for (int i = warmups; i < warmups + runs; i++) {
        ingest.record(variants.get(i));
      }
      double perArf = (processCpuNanos() - cpu) / 1e6 / runs;
      System.out.printf(
          Locale.ROOT,
          "baseline: ingest alone (parse + record on PostgreSQL, one thread, %d ARFs after %d"
              + " warm-ups): %.1f ms CPU per ARF, %.1f ms wall%n",
          runs,
          warmups,
          perArf,
          (System.nanoTime() - wall) / 1e6 / runs);
      return perArf;
    } finally {
      for (Path v : variants) {
        Files.deleteIfExists(v);
      }
    }
  }

  private void run() throws Exception {
    Path content = Files.createDirectories(s.work().resolve("content"));
    Path ds = Files.copy(s.datastream(), content.resolve(s.datastream().getFileName()));
    startNode("a", content);
    FleetApi fleet = new FleetApi(nodes.get(0).awaitLogin("admin", PASSWORD, 180));
    long pkg = fleet.readyPackage("fleet-bench", ds);
    System.out.printf("creating %d servers (%s)%n", s.targets(), Instant.now());
    List<Long> servers = fleet.localServers("fleet", s.targets());
    int warm = Math.min(s.targets(), Math.max(2 * s.window(), 50));
    long warmJob = job(fleet, "fleet-warm-up", pkg, ds, servers.subList(0, warm));
    long job = job(fleet, "fleet", pkg, ds, servers);
    measure(fleet, warmJob, "warm-up", 1, false);
    measure(fleet, job, s.quota() ? "one node, one core's quota" : "one node", 1, true);
    if (s.quota()) {
      startNode("b", content);
      nodes.get(1).awaitLogin("admin", PASSWORD, 180);
      measure(fleet, warmJob, "warm-up", 2, false);
      measure(fleet, job, "two nodes, one core's quota each", 2, true);
    }
    storage();
  }

  /** That every copy was stored as a scan of its own, and their datastream once. */
  private void storage() throws Exception {
    try (Connection c = DriverManager.getConnection(url, s.pgUser(), s.pgPassword());
        Statement st = c.createStatement();
        ResultSet r =
            st.executeQuery(
                "select count(*), count(distinct arf_sha256), count(distinct"
                    + " arf_datastream_sha256), count(*) filter (where arf_datastream_sha256 is"
                    + " null) from security_scans")) {
      r.next();
      System.out.printf(
          "stored: %d scans, %d distinct ARF blobs, %d shared datastream copies, %d scans"
              + " stored whole%n",
          r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
    }
  }

  private long job(FleetApi fleet, String name, long pkg, Path ds, List<Long> servers) {
    return fleet.job(name, pkg, ds.getFileName().toString(), s.profile(), servers, s.window());
  }

  private void startNode(String name, Path content) throws IOException {
    List<String> args =
        List.of(
            "--bench.node=" + name,
            "--bench.arf=" + s.arf(),
            "--bench.report=" + s.report(),
            "--bench.scan-delay=" + s.scanDelay().toMillis(),
            "--vigil.data-dir=" + s.work().resolve("node-" + name),
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + s.pgUser(),
            "--spring.datasource.password=" + s.pgPassword(),
            "--vigil.access.admin-password=" + PASSWORD,
            "--vigil.inventory.master-key=" + Base64.getEncoder().encodeToString(new byte[32]),
            "--vigil.packages.allowed-file-roots=" + content,
            "--vigil.scheduler.threads=" + s.threads(),
            "--vigil.scheduler.polling-interval=" + s.pollingInterval().toMillis() + "ms",
            "--vigil.scheduler.heartbeat-interval=5s",
            "--vigil.scanning.max-concurrent=" + s.slots(),
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN");
    Path log = s.work().resolve("node-" + name + ".log");
    VigilProcess p =
        VigilProcess.start(FleetNode.class.getName(), List.of("-Xms512m", "-Xmx1g"), args, log);
    nodes.add(p);
    System.out.printf("node %s: pid %d, port %d, log %s%n", name, p.pid(), p.port(), log);
    if (s.quota()) {
      Path group = CGROUPS.resolve("vigil-bench-" + name);
      Files.createDirectories(group);
      cgroups.add(group);
      Files.writeString(group.resolve("cpu.cfs_period_us"), "100000");
      Files.writeString(group.resolve("cpu.cfs_quota_us"), "100000");
      Files.writeString(group.resolve("cgroup.procs"), Long.toString(p.pid()));
    }
  }

  private synchronized void stopNodes() {
    for (VigilProcess p : nodes) {
      p.close();
    }
    nodes.clear();
    for (Path g : cgroups) {
      try {
        Files.delete(g);
      } catch (IOException e) {
        System.err.println("could not remove cgroup " + g + ": " + e);
      }
    }
    cgroups.clear();
  }

  /** Executes the job, samples every two seconds until it ended, and adds a row when kept. */
  private void measure(FleetApi fleet, long job, String what, int n, boolean keep)
      throws Exception {
    System.out.printf("%s, %d node(s): executing (%s; %s)%n", what, n, Instant.now(), load());
    List<Sample> samples = new ArrayList<>();
    samples.add(sample(0));
    long execution = fleet.execute(job);
    Instant created;
    Instant finished;
    int total;
    int done;
    while (true) {
      Thread.sleep(2000);
      try (Connection c = DriverManager.getConnection(url, s.pgUser(), s.pgPassword());
          Statement st = c.createStatement();
          ResultSet r =
              st.executeQuery(
                  // a running execution's counts are its runs' (its row gets them when it ends)
                  "select e.created_at, e.finished_at, e.total_count,"
                      + " (select count(*) from target_runs r where r.execution_id = e.id"
                      + " and r.status = 'done'),"
                      + " (select count(*) from target_runs r where r.execution_id = e.id"
                      + " and r.status not in ('queued', 'connecting', 'scanning', 'collecting'))"
                      + " from job_executions e where e.id = "
                      + execution)) {
        r.next();
        total = r.getInt(3);
        done = r.getInt(4);
        samples.add(sample(r.getInt(5)));
        if (r.getTimestamp(2) != null) {
          created = r.getTimestamp(1).toInstant();
          finished = r.getTimestamp(2).toInstant();
          break;
        }
      }
      if (samples.size() > 3600) {
        throw new IllegalStateException("execution " + execution + " did not end in 2 hours");
      }
    }
    double whole = Duration.between(created, finished).toNanos() / 1e9;
    String by = scannedBy(execution);
    System.out.printf(
        Locale.ROOT,
        "  %d of %d target runs done in %.1f s (%.0f per hour over the whole execution); %s%n",
        done,
        total,
        whole,
        done / whole * 3600,
        by);
    for (Path g : cgroups) {
      // whether the quota, not the machine's other work, was what held the node back
      System.out.println(
          "  "
              + g.getFileName()
              + " cpu.stat: "
              + Files.readString(g.resolve("cpu.stat")).replace('\n', ' ').trim());
    }
    if (!keep) {
      return;
    }
    // sustained: from the first sample at 10% of the runs ended to the first at 90%
    Sample from = firstAt(samples, total / 10);
    Sample to = firstAt(samples, total * 9 / 10);
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    int ended = to.ended() - from.ended();
    long cpu = to.nodeCpuMs() - from.nodeCpuMs();
    rows.add(
        new Row(
            what,
            n,
            total,
            whole,
            ended / seconds * 3600,
            cpu / 1000.0 / seconds,
            (double) cpu / ended,
            (double) (to.machineBusy() - from.machineBusy())
                / (to.machineTotal() - from.machineTotal()),
            by));
  }

  private static Sample firstAt(List<Sample> samples, int ended) {
    return samples.stream()
        .filter(x -> x.ended() >= ended)
        .findFirst()
        .orElse(samples.get(samples.size() - 1));
  }

  private String scannedBy(long execution) throws Exception {
    try (Connection c = DriverManager.getConnection(url, s.pgUser(), s.pgPassword());
        Statement st = c.createStatement();
        ResultSet r =
            st.executeQuery(
                "select node, count(*) from target_runs where execution_id = "
                    + execution
                    + " group by node order by node")) {
      List<String> parts = new ArrayList<>();
      while (r.next()) {
        parts.add(r.getString(1) + ": " + r.getInt(2));
      }
      return "runs per node " + String.join(", ", parts);
    }
  }

  private Sample sample(int ended) throws IOException {
    long cpu = 0;
    for (VigilProcess p : nodes) {
      cpu += processCpuMs(p.pid());
    }
    long[] machine = machineTicks();
    return new Sample(System.nanoTime(), ended, cpu, machine[0], machine[1]);
  }

  /** utime + stime of a process, in milliseconds (/proc/PID/stat fields 14 and 15). */
  private static long processCpuMs(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state): utime is field 14, stime field 15
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS_PER_SECOND;
  }

  /** The machine's busy and total CPU ticks from /proc/stat. */
  private static long[] machineTicks() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < Math.min(f.length, 9); i++) {
      total += Long.parseLong(f[i]);
    }
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    return new long[] {total - idle, total};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String load() {
    try {
      return "load average " + Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "load average unknown";
    }
  }

  private void print(double ingestMs) {
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-34s %5s %7s %9s %10s %12s %12s %11s %10s %14s%n",
        "configuration",
        "nodes",
        "targets",
        "whole s",
        "targets/h",
        "CPU/core",
        "CPU/machine",
        "CPU-ms/run",
        "vs ingest",
        "machine busy");
    for (Row r : rows) {
      System.out.printf(
          Locale.ROOT,
          "%-34s %5d %7d %9.1f %10.0f %11.1f%% %11.1f%% %11.1f %9.2fx %13.1f%%%n",
          r.what(),
          r.nodes(),
          r.targets(),
          r.wholeSeconds(),
          r.perHour(),
          100 * r.cpuShareOfCore() / r.nodes(),
          100 * r.cpuShareOfCore() / cores,
          r.cpuMsPerRun(),
          r.cpuMsPerRun() / ingestMs,
          100 * r.machineBusy());
    }
    System.out.printf(
        Locale.ROOT, "baseline: ingest of the same ARF alone, %.1f ms CPU per ARF%n", ingestMs);
    if (rows.size() == 2) {
      System.out.printf(
          Locale.ROOT,
          "scale-out: two nodes / one node = %.2f in targets/hour (goal 1.8)%n",
          rows.get(1).perHour() / rows.get(0).perHour());
    } else if (!rows.isEmpty()) {
      Row r = rows.get(0);
      System.out.printf(
          Locale.ROOT,
          "goal >= 10,000 targets/hour with the node below 50%% of the machine: %s%n",
          r.perHour() >= 10_000 && r.cpuShareOfCore() / cores < 0.5 ? "met" : "not met");
    }
    System.out.println(
        "targets/h and CPU: sustained, from the first sample (every 2 s) with 10% of the runs"
            + " ended to the first with 90%; CPU = the node processes' CPU time / wall time, per"
            + " node (CPU/core: one core = 100%) and over the machine's "
            + cores
            + " cores; machine busy: every process of the machine (PostgreSQL, other work)"
            + " in the same window");
  }

  private static void sql(String url, Settings s, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url, s.pgUser(), s.pgPassword());
        Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }
}
