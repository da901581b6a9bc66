package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class PackageFetcherTest {

  static final Path DS = Path.of("/usr/share/xml/scap/ssg/content/ssg-firefox-ds.xml");

  @TempDir Path temp;
  Path target;
  byte[] content;
  String contentSha256;
  HttpServer server;
  ExecutorService executor;
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws Exception {
    content = Files.readAllBytes(DS);
    contentSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    target = temp.resolve("target");
    executor = Executors.newCachedThreadPool();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    handle("/ds.xml", ex -> send(ex, 200, content));
    handle("/404", ex -> send(ex, 404, "gone".getBytes()));
    handle("/500", ex -> send(ex, 500, "boom".getBytes()));
    handle("/announced-big", ex -> ex.sendResponseHeaders(200, 10L * 1024 * 1024));
    handle("/chunked", ex -> stream(ex, content.length * 4L));
    handle("/endless", ex -> stream(ex, Long.MAX_VALUE));
    handle("/trickle", this::trickle);
    handle("/idle", this::idle);
    handle("/loop", ex -> redirect(ex, "/loop"));
    handle("/hop/", this::hop);
    handle("/named", this::named);
    server.start();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void fetchesOverHttpWithSizeAndSha256() throws Exception {
    FetchedFile fetched = fetcher(localOk()).fetch(url("/ds.xml"), target, null);

    assertThat(fetched.size()).isEqualTo(content.length);
    assertThat(fetched.sha256()).isEqualTo(contentSha256);
    assertThat(fetched.fileName()).isEqualTo("ds.xml");
    assertThat(fetched.finalUrl()).isEqualTo(url("/ds.xml"));
    assertThat(fetched.file()).isEqualTo(target.resolve("download")).hasBinaryContent(content);
  }

  @Test
  void acceptsMatchingExpectedSha256InAnyCase() throws Exception {
    FetchedFile fetched =
        fetcher(localOk()).fetch(url("/ds.xml"), target, contentSha256.toUpperCase());

    assertThat(fetched.sha256()).isEqualTo(contentSha256);
  }

  @Test
  void rejectsSha256MismatchAndRemovesTheFile() {
    String wrong = "0".repeat(64);

    assertRefused(
        localOk(),
        url("/ds.xml"),
        wrong,
        "sha256 mismatch: expected " + wrong + ", got " + contentSha256);
  }

  @Test
  void usesContentDispositionFileNameSanitized() throws Exception {
    FetchedFile fetched = fetcher(localOk()).fetch(url("/named"), target, null);

    assertThat(fetched.fileName()).isEqualTo("evil_name.tar.gz");
  }

  @Test
  void rejectsContentLengthOverTheLimit() {
    assertRefused(
        limited(64 * 1024), url("/announced-big"), null, "download exceeds the 64 KB limit");
  }

  @Test
  void rejectsChunkedBodyOverTheLimitWhileStreaming() {
    assertRefused(limited(64 * 1024), url("/chunked"), null, "download exceeds the 64 KB limit");
  }

  @Test
  void cutsOffEndlessStreamAtTheSizeLimit() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> assertRefused(limited(1024 * 1024), url("/endless"), null, "exceeds the 1 MB limit"));
  }

  @Test
  void cutsOffTricklingStreamAtTheTotalTimeout() {
    PackageSettings settings = timeouts(Duration.ofSeconds(10), Duration.ofSeconds(1));

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> assertRefused(settings, url("/trickle"), null, "download took longer than 1 s"));
  }

  @Test
  void failsWhenServerSendsHeadersThenNothing() {
    PackageSettings settings = timeouts(Duration.ofMillis(300), Duration.ofSeconds(30));

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> assertRefused(settings, url("/idle"), null, "no response data for 300 ms"));
  }

  @Test
  void refusesRedirectLoop() {
    assertRefused(localOk(), url("/loop"), null, "too many redirects (more than 5)");
  }

  @Test
  void followsRedirectChainOfExactlyTheLimit() throws Exception {
    FetchedFile fetched = fetcher(localOk()).fetch(url("/hop/5"), target, null);

    assertThat(fetched.sha256()).isEqualTo(contentSha256);
    assertThat(fetched.finalUrl()).isEqualTo(url("/hop/0"));
  }

  @Test
  void refusesRedirectChainOneOverTheLimit() {
    assertRefused(localOk(), url("/hop/6"), null, "too many redirects (more than 5)");
  }

  @Test
  void refusesHttpsToHttpRedirect_checkedOnThePolicyWithoutTls() {
    RedirectPolicy policy = new RedirectPolicy(5);

    assertThatThrownBy(
            () -> policy.next(URI.create("https://a.example/x"), "http://b.example/y", 0))
        .isInstanceOf(PackageFetchException.class)
        .hasMessage("redirect from https to http refused");
  }

  @Test
  void followsHttpsToHttpsAndRelativeRedirects_checkedOnThePolicy() throws Exception {
    RedirectPolicy policy = new RedirectPolicy(5);

    assertThat(policy.next(URI.create("https://a.example/x/y"), "z.xml", 0))
        .isEqualTo(URI.create("https://a.example/x/z.xml"));
    assertThat(policy.next(URI.create("http://a.example/x"), "https://b.example/y", 4))
        .isEqualTo(URI.create("https://b.example/y"));
  }

  @Test
  void refusesRedirectToFileScheme() {
    RedirectPolicy policy = new RedirectPolicy(5);

    assertThatThrownBy(() -> policy.next(URI.create("http://a.example/x"), "file:/etc/passwd", 0))
        .hasMessage("redirect to unsupported URL scheme 'file' refused");
  }

  @Test
  void reportsHttp404WithStatusAndUrl() {
    assertRefused(localOk(), url("/404"), null, "HTTP 404 Not Found from " + url("/404"));
  }

  @Test
  void reportsHttp500WithStatusAndUrl() {
    assertRefused(
        localOk(), url("/500"), null, "HTTP 500 Internal Server Error from " + url("/500"));
  }

  @Test
  void refusesLoopbackAddressByDefaultNamingTheSetting() {
    assertRefused(
        PackageSettings.defaults(),
        url("/ds.xml"),
        null,
        "address 127.0.0.1 is a loopback address; private addresses are refused"
            + " (set vigil.packages.allow-private-addresses=true to allow them)");
  }

  @Test
  void refusesHostnameResolvingToLoopback() {
    URI localhost = URI.create("http://localhost:" + server.getAddress().getPort() + "/ds.xml");

    assertRefused(
        PackageSettings.defaults(),
        localhost,
        null,
        "localhost resolves to",
        "loopback address; private addresses are refused",
        "vigil.packages.allow-private-addresses=true");
  }

  @Test
  void classifiesPrivateAndPublicAddresses() throws Exception {
    assertThat(kind("10.1.2.3")).isEqualTo("a private network address");
    assertThat(kind("172.16.0.1")).isEqualTo("a private network address");
    assertThat(kind("192.168.1.1")).isEqualTo("a private network address");
    assertThat(kind("fd12::1")).isEqualTo("a private network address");
    assertThat(kind("169.254.169.254")).isEqualTo("a link-local address");
    assertThat(kind("fe80::1")).isEqualTo("a link-local address");
    assertThat(kind("::1")).isEqualTo("a loopback address");
    assertThat(kind("::ffff:127.0.0.1")).isEqualTo("a loopback address");
    assertThat(kind("::10.0.0.1")).isEqualTo("a private network address");
    assertThat(kind("0.0.0.0")).isEqualTo("an any-local (wildcard) address");
    assertThat(kind("224.0.0.1")).isEqualTo("a multicast address");
    assertThat(kind("8.8.8.8")).isNull();
    assertThat(kind("172.32.0.1")).isNull();
    assertThat(kind("2001:4860:4860::8888")).isNull();
  }

  @Test
  void copiesFileUrlUnderAnAllowedRoot() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Path file = Files.copy(DS, root.resolve("ssg-firefox-ds.xml"));

    FetchedFile fetched = fetcher(fileRoots(root)).fetch(file.toUri(), target, contentSha256);

    assertThat(fetched.size()).isEqualTo(content.length);
    assertThat(fetched.sha256()).isEqualTo(contentSha256);
    assertThat(fetched.fileName()).isEqualTo("ssg-firefox-ds.xml");
    assertThat(fetched.file()).hasBinaryContent(content);
  }

  @Test
  void refusesFileUrlOutsideTheAllowedRoots() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));

    assertRefused(
        fileRoots(root),
        URI.create("file:/etc/passwd"),
        null,
        "file:/etc/passwd is outside the allowed file roots (vigil.packages.allowed-file-roots)");
  }

  @Test
  void refusesFileUrlWhenNoRootsAreConfigured() {
    assertRefused(
        PackageSettings.defaults(), DS.toUri(), null, "is outside the allowed file roots");
  }

  @Test
  void refusesSymlinkUnderTheRootPointingOutside() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Path outside =
        Files.copy(DS, Files.createDirectories(temp.resolve("outside")).resolve("x.xml"));
    Path link = Files.createSymbolicLink(root.resolve("link.xml"), outside);

    assertRefused(fileRoots(root), link.toUri(), null, "is outside the allowed file roots");
  }

  @Test
  void refusesDotDotOutOfTheRoot() throws Exception {
    Path root = Files.createDirectories(temp.resolve("root"));
    Files.copy(DS, temp.resolve("secret.xml"));

    assertRefused(
        fileRoots(root),
        URI.create(root.toUri() + "../secret.xml"),
        null,
        "is outside the allowed file roots");
  }

  @Test
  void refusesUnsupportedSchemes() {
    assertRefused(
        localOk(), URI.create("ftp://example.com/ds.xml"), null, "unsupported URL scheme 'ftp'");
    assertRefused(
        localOk(), URI.create("jar:file:/tmp/x.jar!/ds.xml"), null, "unsupported URL scheme 'jar'");
    assertThat(target).doesNotExist();
  }

  @Test
  void settingsBindWithTheDocumentedDefaults() {
    PackageSettings bound =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("vigil.packages", PackageSettings.class);

    assertThat(bound).isEqualTo(PackageSettings.defaults());
    assertThat(bound.workDir())
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "vigil-packages"));
  }

  @Test
  void settingsBindFromKebabCaseProperties() {
    PackageSettings bound =
        new Binder(
                new MapConfigurationPropertySource(
                    Map.of(
                        "vigil.packages.allowed-file-roots", "/srv/scap,/opt/scap",
                        "vigil.packages.allow-private-addresses", "true",
                        "vigil.packages.max-download-size", "1GB",
                        "vigil.packages.work-dir", "/var/lib/vigil/packages")))
            .bindOrCreate("vigil.packages", PackageSettings.class);

    assertThat(bound.allowedFileRoots()).containsExactly("/srv/scap", "/opt/scap");
    assertThat(bound.allowPrivateAddresses()).isTrue();
    assertThat(bound.maxDownloadSize()).isEqualTo(DataSize.ofGigabytes(1));
    assertThat(bound.workDir()).isEqualTo(Path.of("/var/lib/vigil/packages"));
    assertThat(bound.maxRedirects()).isEqualTo(5);
  }

  // --- helpers

  private String kind(String literal) throws Exception {
    return AddressPolicy.kindOf(InetAddress.getByName(literal));
  }

  private void assertRefused(
      PackageSettings settings, URI url, String sha256, String... messageParts) {
    assertThatThrownBy(() -> fetcher(settings).fetch(url, target, sha256))
        .isInstanceOf(PackageFetchException.class)
        .message()
        .contains(messageParts);
    assertThat(target.resolve("download")).doesNotExist();
  }

  private static PackageFetcher fetcher(PackageSettings settings) {
    return new PackageFetcher(settings);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static PackageSettings localOk() {
    return settings(
        List.of(), DataSize.ofMegabytes(512), Duration.ofSeconds(30), Duration.ofMinutes(10));
  }

  private static PackageSettings limited(long maxBytes) {
    return settings(
        List.of(), DataSize.ofBytes(maxBytes), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  private static PackageSettings timeouts(Duration idle, Duration total) {
    return settings(List.of(), DataSize.ofMegabytes(512), idle, total);
  }

  private static PackageSettings fileRoots(Path root) {
    return settings(
        List.of(root.toString()),
        DataSize.ofMegabytes(512),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10));
  }

  private static PackageSettings settings(
      List<String> roots, DataSize max, Duration idle, Duration total) {
    return new PackageSettings(
        roots,
        true,
        max,
        Duration.ofSeconds(5),
        idle,
        total,
        5,
        10_000,
        DataSize.ofGigabytes(2),
        100,
        null);
  }

  // --- the loopback server's behaviours

  private void handle(String path, HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          try (exchange) {
            handler.handle(exchange);
          } catch (IOException e) {
            // the client hung up, as it should for refused downloads
          }
        });
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  private void hop(HttpExchange exchange) throws IOException {
    int left = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hop/".length()));
    if (left == 0) {
      send(exchange, 200, content);
    } else {
      redirect(exchange, String.valueOf(left - 1));
    }
  }

  private void named(HttpExchange exchange) throws IOException {
    exchange
        .getResponseHeaders()
        .set("Content-Disposition", "attachment; filename=\"../../evil name.tar.gz\"");
    send(exchange, 200, content);
  }

  private static void stream(HttpExchange exchange, long bytes) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    byte[] chunk = new byte[16 * 1024];
    for (long sent = 0; sent < bytes; sent += chunk.length) {
      out.write(chunk);
    }
  }

  private void trickle(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      while (!release.await(50, TimeUnit.MILLISECONDS)) {
        out.write('x');
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void idle(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 0);
    exchange.getResponseBody().flush();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
