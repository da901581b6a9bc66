package dev.vigil.bench;

import dev.vigil.VigilApplication;
import dev.vigil.storage.Sql;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Large job target lists over HTTP against the real application: {@code POST /api/jobs} with
 * 100,000 targets (servers inserted by SQL) validated, stored and answered, and with 500,000 (the
 * 100,000 plus 400,000 unknown ids: a 400 naming the first 20), on an H2 file database and on
 * PostgreSQL. Baselines in the same run and client: a job with 1,000 targets, and {@code GET
 * /api/ping}. Medians; each created job is deleted outside the timing.
 */
public final class InputBenchmark {

  private static final String PASSWORD = "input-bench-pw";
  private static final Path CONTENT = Path.of("/usr/share/xml/scap/ssg/content");

  private final int servers;
  private final int big;
  private final int runs;
  private final List<String[]> rows = new ArrayList<>();
  private int jobNo;

  private InputBenchmark(int servers, int big, int runs) {
    this.servers = servers;
    this.big = big;
    this.runs = runs;
  }

  /** Arguments: work folder, servers, big list, runs, pg-url, pg-user, [pg-pass]. */
  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
    InputBenchmark b =
        new InputBenchmark(
            Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    String pgUrl = args.length > 4 ? args[4] : "";
    String pgUser = args.length > 5 ? args[5] : "postgres";
    String pgPassword = args.length > 6 ? args[6] : "";
    System.out.printf(
        Locale.ROOT,
        "POST /api/jobs with %d and %d targets (%d servers exist), %d measured runs each%n",
        b.servers,
        b.big,
        b.servers,
        b.runs);
    b.database("H2 (file)", Map.of("vigil.data-dir", work.resolve("h2").toString()));
    if (!pgUrl.isBlank()) {
      String name = "vigil_input_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
          Statement st = c.createStatement()) {
        st.execute("create database " + name);
      }
      try {
        b.database(
            "PostgreSQL",
            Map.of(
                "vigil.data-dir",
                work.resolve("pg").toString(),
                "spring.datasource.url",
                pgUrl.substring(0, pgUrl.lastIndexOf('/') + 1) + name,
                "spring.datasource.username",
                pgUser,
                "spring.datasource.password",
                pgPassword));
      } finally {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
            Statement st = c.createStatement()) {
          st.execute("drop database if exists " + name + " with (force)");
        }
      }
    }
    b.print();
    System.exit(0);
  }

  private void database(String db, Map<String, String> settings) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--vigil.access.admin-password=" + PASSWORD);
    args.add("--vigil.packages.allowed-file-roots=" + CONTENT);
    args.add("--logging.level.root=WARN");
    settings.forEach((k, v) -> args.add("--" + k + "=" + v));
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(VigilApplication.class).run(args.toArray(String[]::new))) {
      int port =
          Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "8080").trim());
      ApiClient api = new ApiClient(port).login("admin", PASSWORD);
      long pkg = new FleetApi(api).readyPackage("firefox", CONTENT.resolve("ssg-firefox-ds.xml"));
      List<Long> ids = insertServers(app.getBean(DataSource.class));
      List<Long> unknown = new ArrayList<>(ids);
      for (long i = 1; unknown.size() < big; i++) {
        unknown.add(1_000_000_000L + i);
      }
      String small = body(pkg, ids.subList(0, 1000));
      String large = body(pkg, ids);
      String huge = body(pkg, unknown);
      long ping = median(() -> status(api.get("/api/ping"), 200), runs * 3);
      long pingCpu = lastCpu;
      long thousand = median(() -> created(api, small), runs * 3);
      long thousandCpu = lastCpu;
      long hundredK = median(() -> created(api, large), runs);
      long hundredKCpu = lastCpu;
      long bigList = median(() -> status(api.post("/api/jobs", huge.replace("#", "x")), 400), runs);
      long bigListCpu = lastCpu;
      row(db, "baseline: GET /api/ping", ping, pingCpu, ping, thousand, "200");
      row(
          db,
          "baseline: POST /api/jobs, 1,000 targets",
          thousand,
          thousandCpu,
          ping,
          thousand,
          "200");
      row(
          db,
          String.format(Locale.ROOT, "POST /api/jobs, %,d targets", ids.size()),
          hundredK,
          hundredKCpu,
          ping,
          thousand,
          "200");
      row(
          db,
          String.format(
              Locale.ROOT, "POST /api/jobs, %,d targets (%,d unknown)", big, big - ids.size()),
          bigList,
          bigListCpu,
          ping,
          thousand,
          "400");
      System.out.printf(
          Locale.ROOT,
          "%s: bodies %.1f MB (%,d targets) and %.1f MB (%,d)%n",
          db,
          large.length() / 1e6,
          ids.size(),
          huge.length() / 1e6,
          big);
    }
  }

  private List<Long> insertServers(DataSource ds) {
    JdbcClient jdbc = JdbcClient.create(ds);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<List<Object>> rows = new ArrayList<>(servers);
    for (int i = 1; i <= servers; i++) {
      rows.add(List.of("bench-" + i, "localhost", 22, "root", "local", false, now, now));
    }
    Sql.insertRows(
        jdbc,
        "servers",
        List.of(
            "name",
            "ssh_host",
            "ssh_port",
            "privilege_mode",
            "connection_type",
            "host_key_expected",
            "created_at",
            "updated_at"),
        rows);
    return jdbc.sql("select id from servers where name like 'bench-%' order by id")
        .query(Long.class)
        .list();
  }

  /** A job body; {@code #} in the name is made unique per request. */
  private static String body(long pkg, List<Long> targets) {
    return "{\"job\":{\"targetType\":\"server\",\"targets\":["
        + targets.stream().map(id -> "{\"refId\":" + id + "}").collect(Collectors.joining(","))
        + "],\"securityPackage\":{\"id\":"
        + pkg
        + "},\"scanPath\":\"ssg-firefox-ds.xml\",\"securityProfile\":"
        + "\"xccdf_org.ssgproject.content_profile_stig\",\"name\":\"bench-#\","
        + "\"scheduleMode\":\"manual\"}}";
  }

  /** Creates a job (timed) and deletes it (not timed); returns the creation's nanoseconds. */
  private long created(ApiClient api, String body) {
    String named = body.replace("bench-#", "bench-" + (++jobNo));
    long c = OS.getProcessCpuTime();
    long t = System.nanoTime();
    ApiClient.Response r = api.post("/api/jobs", named);
    long took = System.nanoTime() - t;
    callCpu = OS.getProcessCpuTime() - c;
    status(r, 200);
    api.delete("/api/jobs/" + r.json().get("job").get("id").asLong());
    return took;
  }

  private static long status(ApiClient.Response r, int expected) {
    if (r.status() != expected) {
      String b = r.body();
      throw new IllegalStateException(
          "expected "
              + expected
              + ", got "
              + r.status()
              + ": "
              + b.substring(0, Math.min(300, b.length())));
    }
    return -1;
  }

  /**
   * The median of {@code n} timed calls; a call returning -1 is timed here around the call. Also
   * keeps the median process CPU time of the calls (client and server share this JVM: the server's
   * work, the client's JSON reading and the GC, all cores) in {@link #lastCpu}.
   */
  private long median(TimedCall call, int n) {
    List<Long> nanos = new ArrayList<>(n);
    List<Long> cpu = new ArrayList<>(n);
    call.run();
    for (int i = 0; i < n; i++) {
      callCpu = -1;
      long c = OS.getProcessCpuTime();
      long t = System.nanoTime();
      long own = call.run();
      nanos.add(own >= 0 ? own : System.nanoTime() - t);
      cpu.add(callCpu >= 0 ? callCpu : OS.getProcessCpuTime() - c);
    }
    Collections.sort(nanos);
    Collections.sort(cpu);
    lastCpu = cpu.get(n / 2);
    return nanos.get(n / 2);
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** The median process CPU nanoseconds of the last {@link #median} calls. */
  private long lastCpu;

  /** The process CPU nanoseconds a call measured itself (its timed part), or -1. */
  private long callCpu = -1;

  private void row(
      String db, String what, long nanos, long cpu, long ping, long thousand, String status) {
    rows.add(
        new String[] {
          db,
          what,
          status,
          String.format(Locale.ROOT, "%.1f", nanos / 1e6),
          String.format(Locale.ROOT, "%.0f", cpu / 1e6),
          String.format(Locale.ROOT, "%.1f", (double) nanos / thousand),
          String.format(Locale.ROOT, "%.0f", (double) nanos / ping)
        });
  }

  private void print() {
    System.out.println();
    System.out.println(
        "| database | request | status | median ms | median CPU-ms (process) | × 1,000-target job"
            + " | × GET /api/ping |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
  }

  /** One measured call: its own nanoseconds, or -1 to be timed around. */
  @FunctionalInterface
  private interface TimedCall {
    long run();
  }
}
