package dev.vigil.bench;

import dev.vigil.VigilApplication;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fleet views at scale on PostgreSQL: the rule view (API, page, CSV), the dashboard (page and
 * summary API), a job page and the Hosts list filtered by a count, over HTTP against the real
 * application, with generated rows: {@code servers} servers, two profiles of one benchmark, one
 * scan a day of each for {@code days} days (each scan's results one byte per rule of a 1,500-rule
 * dictionary, as oscap reports an SSG benchmark; about 10% of the selected rules failing), two jobs
 * targeting every server. p50 and p95 against {@code GET /api/ping} in the same run; requests one
 * at a time, interleaved round-robin.
 */
public final class FleetViewsBenchmark {

  private static final String PASSWORD = "fleet-views-bench-pw";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
  static final String BENCHMARK = "xccdf_org.ssgproject.content_benchmark_DEBIAN-11";
  static final String[] PROFILES = {
    "xccdf_org.ssgproject.content_profile_standard",
    "xccdf_org.ssgproject.content_profile_anssi_np_nt28_average"
  };
  static final int[] SELECTED = {150, 300};
  static final int RULES = 1500;

  private final int servers;
  private final int days;
  private final int warmups;
  private final int requests;
  private final List<String[]> rows = new ArrayList<>();
  private long firstJob;

  private FleetViewsBenchmark(int servers, int days, int warmups, int requests) {
    this.servers = servers;
    this.days = days;
    this.warmups = warmups;
    this.requests = requests;
  }

  /** Arguments: work folder, servers, days, warm-ups, requests, pg-url, pg-user, [pg-pass]. */
  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
    FleetViewsBenchmark b =
        new FleetViewsBenchmark(
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]));
    String pgUrl = args[5];
    String pgUser = args.length > 6 ? args[6] : "postgres";
    String pgPassword = args.length > 7 ? args[7] : "";
    System.out.printf(
        Locale.ROOT,
        "%d servers x %d profiles x %d days = %d scans; %d warm-up and %d measured requests per"
            + " endpoint, one at a time, interleaved; load average before: %.2f%n",
        b.servers,
        PROFILES.length,
        b.days,
        b.servers * PROFILES.length * b.days,
        b.warmups,
        b.requests,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    String name = "vigil_fv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
        Statement st = c.createStatement()) {
      st.execute("create database " + name);
    }
    try {
      b.run(
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
    b.print();
    System.out.printf(
        Locale.ROOT,
        "load average after: %.2f (%d cores)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.exit(0);
  }

  private void run(Map<String, String> settings) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--vigil.access.admin-password=" + PASSWORD);
    args.add("--logging.level.root=WARN");
    settings.forEach((k, v) -> args.add("--" + k + "=" + v));
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(VigilApplication.class).run(args.toArray(String[]::new))) {
      int port =
          Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "8080").trim());
      long t0 = System.nanoTime();
      generate(app.getBean(DataSource.class));
      System.out.printf(
          Locale.ROOT, "generated in %.1f s (then analyze)%n", (System.nanoTime() - t0) / 1e9);
      Client client = new Client(port);
      String pair = "benchmarkId=" + enc(BENCHMARK) + "&profileId=" + enc(PROFILES[1]);
      String pagePair = "benchmark=" + enc(BENCHMARK) + "&profile=" + enc(PROFILES[1]);
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("baseline: GET /api/ping", "/api/ping");
      endpoints.put(
          "rule view: GET /api/security-compliance/rules",
          "/api/security-compliance/rules?" + pair);
      endpoints.put("rule view page", "/compliance/rules?" + pagePair);
      endpoints.put("rule view CSV", "/api/security-compliance/rules.csv?" + pair);
      endpoints.put("dashboard page", "/dashboard");
      endpoints.put("GET /api/compliance/summary", "/api/compliance/summary");
      endpoints.put("job page (its targets by status)", "/provisioning/jobs/" + firstJob);
      endpoints.put(
          "GET /api/servers?compliance=non_compliant", "/api/servers?compliance=non_compliant");
      endpoints.put(
          "Hosts list, a rule's failing servers",
          "/infrastructure/servers?" + pagePair + "&rule=" + enc(rule(0)) + "&result=fail");
      measure(client, endpoints);
    }
  }

  private void measure(Client client, Map<String, String> endpoints) throws Exception {
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
      double p95 = percentile(e.getValue(), 95);
      rows.add(
          new String[] {
            e.getKey(),
            String.format(Locale.ROOT, "%.2f", percentile(e.getValue(), 50)),
            String.format(Locale.ROOT, "%.2f", p95),
            String.format(Locale.ROOT, "%.1f", p95 / baseP95),
            e.getKey().startsWith("baseline") ? "-" : "< 100 ms"
          });
    }
  }

  static String rule(int i) {
    return "xccdf_org.ssgproject.content_rule_bench_" + i;
  }

  /** Servers, a package, two jobs over every server, one dictionary, the scans a day apart. */
  private void generate(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Timestamp now = Timestamp.from(Instant.now());
      try (Statement st = c.createStatement()) {
        st.execute(
            "insert into servers (name, connection_type, ssh_host, ssh_port, ssh_username,"
                + " privilege_mode, host_key_expected, created_at, updated_at)"
                + " select 'bench-' || lpad(g::text, 5, '0'), 'ssh', '127.0.0.1', 22, 'root',"
                + " 'root', false, now(), now() from generate_series(1, "
                + servers
                + ") g");
        st.execute(
            "insert into security_packages (uuid, name, url, enabled, status, created_at,"
                + " updated_at) values ('"
                + UUID.randomUUID()
                + "', 'ssg-debian11', 'https://example.invalid/ssg.zip', true, 'READY', now(),"
                + " now())");
        for (int p = 0; p < PROFILES.length; p++) {
          st.execute(
              "insert into jobs (name, enabled, security_package_id, scan_path,"
                  + " security_profile, schedule_mode, target_type, timeout_minutes,"
                  + " max_parallel, retries_on_timeout, created_at, updated_at)"
                  + " select 'bench-job-"
                  + p
                  + "', true, id, 'ssg-debian11-ds.xml', '"
                  + PROFILES[p]
                  + "', 'MANUAL', 'SERVER', 60, 20, 0, now(), now() from security_packages");
          st.execute(
              "insert into job_targets (job_id, position, ref_id) select j.id,"
                  + " row_number() over (order by s.id), s.id from jobs j, servers s"
                  + " where j.name = 'bench-job-"
                  + p
                  + "'");
        }
        st.execute(
            "insert into scan_rule_dictionaries (fingerprint, benchmark_id, benchmark_version,"
                + " rule_count, created_at) values (repeat('b', 64), '"
                + BENCHMARK
                + "', '0.1.66', "
                + RULES
                + ", now())");
        st.execute(
            "insert into scan_rule_entries (dictionary_id, position, rule_id, severity, title)"
                + " select d.id, g, 'xccdf_org.ssgproject.content_rule_bench_' || g,"
                + " (array['low','medium','high'])[1 + g % 3], 'Bench rule number ' || g"
                + " from scan_rule_dictionaries d, generate_series(0, "
                + (RULES - 1)
                + ") g");
      }
      c.commit();
      long dictionary;
      long pkg;
      long[] jobs = new long[PROFILES.length];
      try (Statement st = c.createStatement()) {
        var rs = st.executeQuery("select id from scan_rule_dictionaries");
        rs.next();
        dictionary = rs.getLong(1);
        rs = st.executeQuery("select id from security_packages");
        rs.next();
        pkg = rs.getLong(1);
        for (int p = 0; p < PROFILES.length; p++) {
          rs = st.executeQuery("select id from jobs where name = 'bench-job-" + p + "'");
          rs.next();
          jobs[p] = rs.getLong(1);
        }
      }
      List<Long> serverIds = new ArrayList<>();
      try (Statement st = c.createStatement();
          var rs = st.executeQuery("select id from servers order by id")) {
        while (rs.next()) {
          serverIds.add(rs.getLong(1));
        }
      }
      firstJob = jobs[0];
      insertScans(c, serverIds, dictionary, pkg, jobs, now.toInstant());
      try (Statement st = c.createStatement()) {
        // the narrow copy Vigil writes when it records a scan (V26), for the generated rows
        st.execute(
            "insert into compliance_scans (scan_id, server_id, benchmark_id, profile_id,"
                + " finished_at, score, pass_count, fixed_count, fail_count, error_count,"
                + " unknown_count, notchecked_count, notapplicable_count, not_applicable, job_id,"
                + " job_name, benchmark_title, profile_title) select id, server_id, benchmark_id,"
                + " profile_id, finished_at, score, pass_count, fixed_count, fail_count,"
                + " error_count, unknown_count, notchecked_count, notapplicable_count,"
                + " not_applicable, job_id, job_name, benchmark_title, profile_title"
                + " from security_scans");
        // and the read model Vigil keeps at record time (V32 latest per pair and per job and
        // server, V33 the chart's days), as the migrations backfill it
        for (String sql : dev.vigil.results.ComplianceReadModel.rebuildStatements()) {
          st.execute(sql);
        }
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("vacuum analyze");
      }
    }
  }

  private void insertScans(
      Connection c, List<Long> serverIds, long dictionary, long pkg, long[] jobs, Instant now)
      throws Exception {
    Random random = new Random(42);
    int n = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into security_scans (server_id, server_name, package_id, package_name,"
                + " checklist_path, benchmark_id, profile_id, status, not_applicable, started_at,"
                + " finished_at, score, score_max, score_system, pass_count, fail_count,"
                + " error_count, unknown_count, notapplicable_count, notchecked_count,"
                + " notselected_count, informational_count, fixed_count, created_by, created_at,"
                + " job_id, job_name, rule_dictionary_id, rule_results, recorded_server_id,"
                + " recorded_package_id, recorded_job_id, benchmark_title, profile_title)"
                + " values (?, ?, ?, 'ssg-debian11', 'ssg-debian11-ds.xml', ?, ?, 'complete',"
                + " false, ?, ?, ?, 100, 'urn:xccdf:scoring:default', ?, ?, 0, 0, 0, 0, ?, 0, 0,"
                + " 'bench', ?, ?, ?, ?, ?, ?, ?, ?, 'Guide to the Secure Configuration of"
                + " Debian 11', ?)")) {
      for (int d = days - 1; d >= 0; d--) {
        for (int p = 0; p < PROFILES.length; p++) {
          for (long server : serverIds) {
            byte[] codes = new byte[RULES];
            java.util.Arrays.fill(codes, (byte) 7); // notselected
            int fail = 0;
            int offset = p == 0 ? 0 : 100;
            for (int r = offset; r < offset + SELECTED[p]; r++) {
              // rule r fails on a server with a probability that falls with r (a few rules fail
              // widely, most rarely), as fleets look
              boolean fails = random.nextInt(1000) < Math.max(5, 400 - 3 * (r - offset));
              codes[r] = (byte) (fails ? 2 : 1);
              fail += fails ? 1 : 0;
            }
            Instant at = now.minusSeconds(86_400L * d + 60L * p + (server % 600));
            ps.setLong(1, server);
            ps.setString(2, "bench-" + server);
            ps.setLong(3, pkg);
            ps.setString(4, BENCHMARK);
            ps.setString(5, PROFILES[p]);
            ps.setTimestamp(6, Timestamp.from(at.minusSeconds(90)));
            ps.setTimestamp(7, Timestamp.from(at));
            ps.setDouble(8, 100.0 * (SELECTED[p] - fail) / SELECTED[p]);
            ps.setInt(9, SELECTED[p] - fail);
            ps.setInt(10, fail);
            ps.setInt(11, RULES - SELECTED[p]);
            ps.setTimestamp(12, Timestamp.from(at));
            ps.setLong(13, jobs[p]);
            ps.setString(14, "bench-job-" + p);
            ps.setLong(15, dictionary);
            ps.setBytes(16, codes);
            ps.setLong(17, server);
            ps.setLong(18, pkg);
            ps.setLong(19, jobs[p]);
            ps.setString(20, p == 0 ? "Standard System Security Profile" : "ANSSI average");
            ps.addBatch();
            if (++n % 1000 == 0) {
              ps.executeBatch();
              c.commit();
            }
          }
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  private void print() {
    System.out.println();
    System.out.println(
        "| endpoint (PostgreSQL) | p50 ms | p95 ms | p95 / baseline p95 | goal (p95) |");
    System.out.println("|---|---|---|---|---|");
    for (String[] r : rows) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
