package dev.vigil.bench;

import dev.vigil.VigilApplication;
import dev.vigil.storage.Sql;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job wizard's target step ({@code GET /provisioning/jobs/new/details}: the details step with
 * every server as a target, what a package change fetches too) rendered for a signed-in page
 * session over HTTP, on an H2 file database inside the real application, with 10 servers (the
 * baseline, same run and client), then 1,000 and 5,000 (each with two labels, inserted by SQL);
 * step 1 of the wizard (no pick lists) is the page baseline. Median and p95 of {@code runs}
 * requests after warm-up.
 */
public final class WizardBenchmark {

  private static final String PASSWORD = "wizard-bench-pw";
  private static final Path CONTENT = Path.of("/usr/share/xml/scap/ssg/content");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private WizardBenchmark() {}

  /** Arguments: work folder, runs. */
  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
    int runs = Integer.parseInt(args[1]);
    List<String> a = new ArrayList<>();
    a.add("--server.port=0");
    a.add("--vigil.access.admin-password=" + PASSWORD);
    a.add("--vigil.packages.allowed-file-roots=" + CONTENT);
    a.add("--logging.level.root=WARN");
    a.add("--vigil.data-dir=" + work.resolve("h2"));
    List<String> rows = new ArrayList<>();
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(VigilApplication.class).run(a.toArray(String[]::new))) {
      int port =
          Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "8080").trim());
      String base = "http://127.0.0.1:" + port;
      ApiClient api = new ApiClient(port).login("admin", PASSWORD);
      long pkg = new FleetApi(api).readyPackage("firefox", CONTENT.resolve("ssg-firefox-ds.xml"));
      HttpClient http = session(base);
      String url =
          base
              + "/provisioning/jobs/new/details?type=securityScan&name=bench&securityPackage="
              + pkg
              + "&scanPath="
              + URLEncoder.encode("ssg-firefox-ds.xml", StandardCharsets.UTF_8)
              + "&scheduleMode=manual&targetType=server&refresh=1";
      DataSource ds = app.getBean(DataSource.class);
      // the page baseline: step 1 of the wizard (type and name: no pick lists), same session
      double[] page = measure(http, base + "/provisioning/jobs/new", runs, 0);
      rows.add(
          String.format(
              Locale.ROOT,
              "| H2 (file) | baseline: step 1 (no lists) | %.1f | %.1f | — |",
              page[0],
              page[1]));
      double[] baseline = null;
      int have = 0;
      for (int servers : new int[] {10, 1_000, 5_000}) {
        insertServers(ds, have, servers);
        have = servers;
        double[] t = measure(http, url, runs, servers);
        if (baseline == null) {
          baseline = t;
        }
        rows.add(
            String.format(
                Locale.ROOT,
                "| H2 (file) | %,d servers | %.1f | %.1f | %.1f× |",
                servers,
                t[0],
                t[1],
                t[0] / baseline[0]));
      }
    }
    System.out.println();
    System.out.println("| database | wizard target step | median ms | p95 ms | × 10 servers |");
    System.out.println("|---|---|---|---|---|");
    rows.forEach(System.out::println);
    System.exit(0);
  }

  /** A page session: the login form with its CSRF token, the session cookie kept. */
  private static HttpClient session(String base) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String login =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m = CSRF.matcher(login);
    if (!m.find()) {
      throw new IllegalStateException("no CSRF token on the login page");
    }
    String form =
        "username=admin&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String to = r.headers().firstValue("Location").orElse("");
    if (r.statusCode() != 302 || to.contains("error")) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + to);
    }
    return http;
  }

  /** {median, p95} in ms of {@code runs} GETs after 5 warm-ups; checks every server is listed. */
  private static double[] measure(HttpClient http, String url, int runs, int servers)
      throws Exception {
    List<Long> nanos = new ArrayList<>(runs);
    for (int i = 0; i < runs + 5; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - t;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + url + ": " + r.statusCode());
      }
      int listed = r.body().split("name=\"targets\"", -1).length - 1;
      if (listed != servers) {
        throw new IllegalStateException("listed " + listed + " targets, expected " + servers);
      }
      if (i >= 5) {
        nanos.add(took);
      }
    }
    Collections.sort(nanos);
    return new double[] {
      nanos.get(runs / 2) / 1e6, nanos.get((int) Math.ceil(runs * 0.95) - 1) / 1e6
    };
  }

  /** Servers {@code from+1 … to}, named {@code bench-NNNNN}, each with a role and a zone label. */
  private static void insertServers(DataSource ds, int from, int to) {
    JdbcClient jdbc = JdbcClient.create(ds);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = from + 1; i <= to; i++) {
      rows.add(
          List.of(
              String.format(Locale.ROOT, "bench-%05d", i),
              "localhost",
              22,
              "root",
              "local",
              false,
              now,
              now));
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
    List<Long> ids =
        jdbc.sql("select id from servers where name like 'bench-%' order by id")
            .query(Long.class)
            .list();
    List<List<Object>> labels = new ArrayList<>();
    for (int i = from; i < to; i++) {
      labels.add(List.of(ids.get(i), i % 3 == 0 ? "db" : "web"));
      labels.add(List.of(ids.get(i), "zone-" + (i % 10)));
    }
    Sql.insertRows(jdbc, "server_labels", List.of("server_id", "label"), labels);
  }
}
