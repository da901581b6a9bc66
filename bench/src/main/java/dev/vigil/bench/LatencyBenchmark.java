package dev.vigil.bench;

import dev.vigil.VigilApplication;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Read latency at fleet scale: a server's Security tab (page and API) with 1,000 scans and {@code
 * GET /api/job-executions} with 100,000 executions, p50 and p95 over HTTP against the real
 * application on an H2 file database and on PostgreSQL, with generated rows. Baseline in the same
 * run and the same client: {@code GET /api/ping}, which touches no table. Requests are sent one at
 * a time, interleaved round-robin, so every endpoint sees the same background load.
 */
public final class LatencyBenchmark {

  private static final String PASSWORD = "latency-bench-pw";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final int scans;
  private final int executions;
  private final int warmups;
  private final int requests;
  private final Path work;
  private final List<String[]> rows = new ArrayList<>();

  private LatencyBenchmark(int scans, int executions, int warmups, int requests, Path work) {
    this.scans = scans;
    this.executions = executions;
    this.warmups = warmups;
    this.requests = requests;
    this.work = work;
  }

  /** Arguments: work folder, scans, executions, warm-ups, requests, pg-url, pg-user, [pg-pass]. */
  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
    LatencyBenchmark b =
        new LatencyBenchmark(
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]),
            work);
    String pgUrl = args.length > 5 ? args[5] : "";
    String pgUser = args.length > 6 ? args[6] : "postgres";
    String pgPassword = args.length > 7 ? args[7] : "";
    System.out.printf(
        Locale.ROOT,
        "%d scans of one server, %d job executions; %d warm-up and %d measured requests per"
            + " endpoint, one at a time, interleaved%n",
        b.scans,
        b.executions,
        b.warmups,
        b.requests);
    b.database("H2 (file)", Map.of("vigil.data-dir", work.resolve("h2").toString()));
    if (!pgUrl.isBlank()) {
      String name = "vigil_lat_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
    args.add("--logging.level.root=WARN");
    settings.forEach((k, v) -> args.add("--" + k + "=" + v));
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(VigilApplication.class).run(args.toArray(String[]::new))) {
      int port =
          Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "8080").trim());
      DataSource ds = app.getBean(DataSource.class);
      long t0 = System.nanoTime();
      long server = generate(ds);
      System.out.printf(
          Locale.ROOT,
          "%s: generated %d scans and %d executions in %.1f s%n",
          db,
          scans,
          executions,
          (System.nanoTime() - t0) / 1e9);
      Client client = new Client(port);
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("baseline: GET /api/ping", "/api/ping");
      endpoints.put("GET /api/job-executions", "/api/job-executions");
      endpoints.put("GET /api/job-executions?status=failed", "/api/job-executions?status=failed");
      endpoints.put("Security tab page", securityTab(server));
      endpoints.put("GET /api/security-scans?serverId=", "/api/security-scans?serverId=" + server);
      endpoints.put("GET /api/servers/{id}/compliance", "/api/servers/" + server + "/compliance");
      measure(db, client, endpoints);
    }
  }

  /** The page that shows a server's Security tab. */
  private static String securityTab(long server) {
    return "/infrastructure/servers/" + server + "/security";
  }

  private void measure(String db, Client client, Map<String, String> endpoints) throws Exception {
    for (String path : endpoints.values()) {
      int status = client.get(path);
      if (status != 200) {
        throw new IllegalStateException("GET " + path + " answered " + status);
      }
    }
    Map<String, List<Long>> times = new LinkedHashMap<>();
    endpoints.keySet().forEach(k -> times.put(k, new ArrayList<>()));
    for (int i = 0; i < warmups + requests; i++) {
      for (Map.Entry<String, String> e : endpoints.entrySet()) {
        long t = System.nanoTime();
        client.get(e.getValue());
        long took = System.nanoTime() - t;
        if (i >= warmups) {
          times.get(e.getKey()).add(took);
        }
      }
    }
    double baseP95 = percentile(times.values().iterator().next(), 95);
    for (Map.Entry<String, List<Long>> e : times.entrySet()) {
      double p50 = percentile(e.getValue(), 50);
      double p95 = percentile(e.getValue(), 95);
      String goal =
          e.getKey().startsWith("baseline") ? "-" : (db.startsWith("H2") ? "< 50 ms" : "< 100 ms");
      rows.add(
          new String[] {
            db,
            e.getKey(),
            String.format(Locale.ROOT, "%.2f", p50),
            String.format(Locale.ROOT, "%.2f", p95),
            String.format(Locale.ROOT, "%.1f", p95 / baseP95),
            goal
          });
    }
  }

  /** One server; its scans a day apart, newest today; executions of two jobs, a minute apart. */
  private long generate(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      long server;
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into servers (name, connection_type, ssh_host, ssh_port, ssh_username,"
                  + " privilege_mode, host_key_expected, created_at, updated_at) values"
                  + " ('bench-web01', 'ssh', '127.0.0.1', 22, 'root', 'root', false, ?, ?)",
              new String[] {"id"})) {
        Timestamp now = Timestamp.from(Instant.now());
        ps.setTimestamp(1, now);
        ps.setTimestamp(2, now);
        ps.executeUpdate();
        try (var keys = ps.getGeneratedKeys()) {
          keys.next();
          server = keys.getLong(1);
        }
      }
      Instant now = Instant.now();
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into security_scans (server_id, server_name, package_name, checklist_path,"
                  + " benchmark_id, profile_id, status, not_applicable, started_at, finished_at,"
                  + " score, score_max, score_system, pass_count, fail_count, error_count,"
                  + " unknown_count, notapplicable_count, notchecked_count, notselected_count,"
                  + " informational_count, fixed_count, created_by, created_at, job_name) values"
                  + " (?, 'bench-web01', 'ssg-debian11', 'ssg-debian11-ds.xml',"
                  + " 'xccdf_org.ssgproject.content_benchmark_DEBIAN-11',"
                  + " 'xccdf_org.ssgproject.content_profile_standard', 'complete', false, ?, ?, ?,"
                  + " 100, 'urn:xccdf:scoring:default', ?, ?, 0, 0, 12, 3, 1400, 0, 0, 'bench',"
                  + " ?, 'nightly-standard')")) {
        for (int i = 0; i < scans; i++) {
          Instant at = now.minusSeconds(86_400L * (scans - i));
          int fail = 20 + (i % 17);
          ps.setLong(1, server);
          ps.setTimestamp(2, Timestamp.from(at.minusSeconds(120)));
          ps.setTimestamp(3, Timestamp.from(at));
          ps.setDouble(4, 100.0 * (150 - fail) / 150);
          ps.setInt(5, 150 - fail);
          ps.setInt(6, fail);
          ps.setTimestamp(7, Timestamp.from(at));
          ps.addBatch();
          if (i % 500 == 499) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into job_executions (job_name, status, trigger_type, created_by_username,"
                  + " created_at, started_at, finished_at, total_count, done_count, failed_count)"
                  + " values (?, ?, 'schedule', null, ?, ?, ?, 40, ?, ?)")) {
        for (int i = 0; i < executions; i++) {
          Instant at = now.minusSeconds(60L * (executions - i));
          boolean failed = i % 10 == 0;
          ps.setString(1, i % 2 == 0 ? "nightly-standard" : "hourly-cis");
          ps.setString(2, failed ? "failed" : "complete");
          ps.setTimestamp(3, Timestamp.from(at));
          ps.setTimestamp(4, Timestamp.from(at));
          ps.setTimestamp(5, Timestamp.from(at.plusSeconds(50)));
          ps.setInt(6, failed ? 38 : 40);
          ps.setInt(7, failed ? 2 : 0);
          ps.addBatch();
          if (i % 1000 == 999) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
      }
      c.commit();
      return server;
    }
  }

  private void print() {
    System.out.println();
    System.out.println(
        "| database | endpoint | p50 ms | p95 ms | p95 / baseline p95 | goal (p95) |");
    System.out.println("|---|---|---|---|---|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
  }

  private static double percentile(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int at = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, at)) / 1e6;
  }

  /** An admin signed in twice: a bearer token for the API, a form-login session for pages. */
  private static final class Client {
    private final String base;
    private final HttpClient http;
    private final String token;

    Client(int port) throws IOException, InterruptedException {
      base = "http://127.0.0.1:" + port;
      http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      HttpResponse<String> t =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          base
                              + "/oauth/token?grant_type=password&scope=write&client_id=morph-cli"
                              + "&username=admin"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("password=" + PASSWORD))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(t.body());
      if (!m.find()) {
        throw new IllegalStateException("no token: " + t.body());
      }
      token = m.group(1);
      String page =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher csrf = CSRF.matcher(page);
      if (!csrf.find()) {
        throw new IllegalStateException("no CSRF token on the login page");
      }
      String form =
          "username=admin&password="
              + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
              + "&_csrf="
              + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
      int status =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/login"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status != 302) {
        throw new IllegalStateException("form login answered " + status);
      }
    }

    int get(String path) throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
      if (path.startsWith("/api/")) {
        b.header("Authorization", "Bearer " + token);
      }
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode();
    }
  }
}
