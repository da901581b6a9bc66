package dev.vigil.packages;

import static dev.vigil.testsupport.TestArchives.ssg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ContentServer;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.TestArchives;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Security packages end to end over HTTP: real SSG content served by a loopback HTTP server and
 * from {@code file:} URLs, fetched, unpacked and indexed by the running application; and hostile or
 * broken inputs, each ending failed with its own reason and nothing half-stored.
 */
@VigilSystemTestWithLimits
class SecurityPackageSystemTest {

  private static final String FIREFOX_STIG = "xccdf_org.ssgproject.content_profile_stig";
  private static final Path allowedRoot = SystemTestContent.newFolder("vigil-allowed");
  private static Path outsideRoot;
  private static ContentServer server;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired PackageService packageService;
  @Autowired ChecklistFileCache checklistCache;
  ApiClient api;

  @BeforeAll
  static void serveContent() throws IOException {
    // outside the allowed file roots (the shared content folder and the first scan's)
    outsideRoot = Files.createTempDirectory("vigil-outside");
    Map<String, byte[]> ssgFiles = new LinkedHashMap<>();
    ssgFiles.put("ssg/ssg-firefox-ds.xml", ssg("ssg-firefox-ds.xml"));
    ssgFiles.put("ssg/ssg-chromium-ds.xml", ssg("ssg-chromium-ds.xml"));
    ssgFiles.put("ssg/README.txt", "SCAP content".getBytes());
    server = new ContentServer();
    server
        .bytes("/ssg.zip", TestArchives.zip(ssgFiles))
        .bytes("/ssg-firefox-ds.xml", ssg("ssg-firefox-ds.xml"))
        .bytes("/ssg.tar.gz", TestArchives.tarGz(ssgFiles))
        .bytes("/xxe.xml", Hostile.XXE.getBytes())
        .bytes("/laughs.xml", Hostile.BILLION_LAUGHS.getBytes())
        .bytes("/dtd-heavy.xml", Hostile.dtdHeavy().getBytes())
        .bytes("/slip.zip", TestArchives.zip(Map.of("../evil.xml", ssg("ssg-firefox-ds.xml"))))
        .bytes("/absolute.tar.gz", TestArchives.tarGz(Map.of("/tmp/evil.xml", "<a/>".getBytes())))
        .bytes(
            "/symlink.tar.gz",
            TestArchives.tarGz(Map.of("a.xml", "<a/>".getBytes()), "passwd.xml", "/etc/passwd"))
        .bytes("/bomb.zip", TestArchives.zipBomb(60L << 20))
        .stalled("/too-big", 25L << 20)
        .endless("/endless")
        .stalled("/idle", 1000)
        .redirect("/loop", "/loop")
        .status("/missing", 404)
        .bytes("/random.bin", new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 3, 0, 0, 0})
        .bytes("/not-scap.xml", "<?xml version=\"1.0\"?><catalog><book/></catalog>".getBytes());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
  }

  @Test
  void zipOfSsgContentBecomesReadyWithEveryChecklistAndProfile() {
    JsonNode p = awaitFinal(create("ssg-zip", server.url("/ssg.zip"), null));
    assertThat(p.get("status").asString()).isEqualTo("ready");
    JsonNode lists =
        api.get("/api/security-packages/" + p.get("id").asLong() + "/checklists").json();
    assertThat(paths(lists.get("checklists")))
        .containsExactlyInAnyOrder("ssg/ssg-chromium-ds.xml", "ssg/ssg-firefox-ds.xml");
    assertThat(profileIds(lists, "ssg/ssg-firefox-ds.xml")).contains(FIREFOX_STIG);
    assertThat(lists.get("files").toString()).contains("ssg/README.txt");
    assertThat(versionCount(p)).isEqualTo(1);
  }

  @Test
  void aVersionIsUnpackedOnceForAllItsScansAndEachChecklistFileIsTheStoredContent()
      throws Exception {
    long id = create("ssg-zip-scans", server.url("/ssg.zip"), null);
    assertThat(awaitFinal(id).get("status").asString()).isEqualTo("ready");
    long before = cachedVersions();
    List<java.util.concurrent.Future<ChecklistFile>> files = new ArrayList<>();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      for (int i = 0; i < 12; i++) {
        String path = i % 2 == 0 ? "ssg/ssg-firefox-ds.xml" : "ssg/ssg-chromium-ds.xml";
        files.add(pool.submit(() -> packageService.checklistFile(id, path)));
      }
      List<ChecklistFile> got = new ArrayList<>();
      for (var f : files) {
        got.add(f.get());
      }
      assertThat(cachedVersions()).as("one unpack for the version").isEqualTo(before + 1);
      assertThat(got.stream().map(ChecklistFile::file).distinct()).hasSize(2);
      ChecklistFile firefox = got.get(0);
      assertThat(Files.readAllBytes(firefox.file())).isEqualTo(ssg("ssg-firefox-ds.xml"));
      assertThat(firefox.sha256())
          .isEqualTo(dev.vigil.testsupport.ScanFixtures.sha256(firefox.file()));
      assertThat(firefox.checklist().path()).isEqualTo("ssg/ssg-firefox-ds.xml");
    } finally {
      pool.shutdownNow();
    }
    assertThatThrownBy(() -> packageService.checklistFile(id, "ssg/README.txt"))
        .hasMessageContaining("no checklist ssg/README.txt");
  }

  private long cachedVersions() throws IOException {
    try (var dirs = Files.list(checklistCache.root())) {
      return dirs.count();
    }
  }

  @Test
  void bareDatastreamBecomesReadyWithProfileTitlesAndRuleCounts() {
    JsonNode p = awaitFinal(create("bare-ds", server.url("/ssg-firefox-ds.xml"), null));
    assertThat(p.get("status").asString()).isEqualTo("ready");
    JsonNode lists =
        api.get("/api/security-packages/" + p.get("id").asLong() + "/checklists").json();
    JsonNode profile = lists.get("checklists").get(0).get("profiles").get(0);
    assertThat(profile.get("id").asString()).isEqualTo(FIREFOX_STIG);
    assertThat(profile.get("title").asString()).isEqualTo("Mozilla Firefox STIG");
    assertThat(profile.get("ruleCount").asInt()).isPositive();
  }

  @Test
  void tarGzBecomesReady() {
    JsonNode p = awaitFinal(create("ssg-tgz", server.url("/ssg.tar.gz"), null));
    assertThat(p.get("status").asString()).isEqualTo("ready");
    assertThat(p.get("currentVersion").get("fileName").asString()).isEqualTo("ssg.tar.gz");
  }

  @Test
  void fileUrlUnderAnAllowedRootBecomesReady() throws IOException {
    Path ds = allowedRoot.resolve("ssg-firefox-ds.xml");
    Files.write(ds, ssg("ssg-firefox-ds.xml"));
    JsonNode p = awaitFinal(create("file-ok", ds.toUri().toString(), null));
    assertThat(p.get("status").asString()).isEqualTo("ready");
  }

  @Test
  void expectedSha256ThatMatchesIsAccepted() throws IOException {
    String sha = sha256(ssg("ssg-firefox-ds.xml"));
    JsonNode p = awaitFinal(create("sha-ok", server.url("/ssg-firefox-ds.xml"), sha));
    assertThat(p.get("status").asString()).isEqualTo("ready");
    assertThat(p.get("currentVersion").get("sha256").asString()).isEqualTo(sha);
  }

  @Test
  void refreshWithUnchangedContentMakesNoNewVersionAndChangedContentMakesOne() throws IOException {
    server.bytes("/changing.xml", ssg("ssg-firefox-ds.xml"));
    JsonNode p = awaitFinal(create("changing", server.url("/changing.xml"), null));
    long id = p.get("id").asLong();
    assertThat(api.post("/api/security-packages/" + id + "/refresh", "{}").status()).isEqualTo(200);
    p = awaitFinal(id);
    assertThat(p.get("statusMessage").asString()).contains("unchanged");
    assertThat(versionCount(p)).isEqualTo(1);
    server.bytes("/changing.xml", ssg("ssg-chromium-ds.xml"));
    api.post("/api/security-packages/" + id + "/refresh", "{}");
    p = awaitFinal(id);
    assertThat(p.get("status").asString()).isEqualTo("ready");
    assertThat(p.get("currentVersion").get("version").asInt()).isEqualTo(2);
    assertThat(versionCount(p)).isEqualTo(2);
  }

  @Test
  void hostileAndBrokenInputsEachFailWithTheirOwnReasonAndStoreNothing() throws IOException {
    Path outside = outsideRoot.resolve("ssg-firefox-ds.xml");
    Files.write(outside, ssg("ssg-firefox-ds.xml"));
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put(server.url("/xxe.xml"), new String[] {"doctype"});
    cases.put(server.url("/laughs.xml"), new String[] {"doctype"});
    cases.put(server.url("/dtd-heavy.xml"), new String[] {"doctype"});
    cases.put(server.url("/slip.zip"), new String[] {"../evil.xml"});
    cases.put(server.url("/absolute.tar.gz"), new String[] {"/tmp/evil.xml"});
    cases.put(server.url("/symlink.tar.gz"), new String[] {"link"});
    cases.put(server.url("/bomb.zip"), new String[] {"bomb"});
    cases.put(server.url("/too-big"), new String[] {"limit"});
    cases.put(server.url("/endless"), new String[] {"limit"});
    cases.put(server.url("/idle"), new String[] {"no response data"});
    cases.put(server.url("/loop"), new String[] {"redirect"});
    cases.put(server.url("/missing"), new String[] {"404"});
    cases.put(server.url("/random.bin"), new String[] {"not a supported package format"});
    cases.put(
        server.url("/not-scap.xml"), new String[] {"no SCAP checklist found in not-scap.xml"});
    cases.put(outside.toUri().toString(), new String[] {"outside the allowed file roots"});
    List<String> problems = new ArrayList<>();
    int n = 0;
    for (var c : cases.entrySet()) {
      JsonNode p = awaitFinal(create("hostile-" + n++, c.getKey(), null));
      String reason = p.get("statusMessage").asString();
      if (!p.get("status").asString().equals("failed")
          || !reason.toLowerCase().contains(c.getValue()[0].toLowerCase())) {
        problems.add(c.getKey() + " -> " + p.get("status").asString() + ": " + reason);
      }
      assertThat(versionCount(p)).as(c.getKey()).isZero();
      assertThat(api.get("/api/security-packages?max=1").status()).isEqualTo(200);
    }
    assertThat(problems).isEmpty();
    assertThat(
            jdbc.sql(
                    "select count(*) from security_package_checklists c join"
                        + " security_package_versions v on v.id = c.version_id join security_packages p on"
                        + " p.id = v.package_id where p.name like 'hostile-%'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void sha256MismatchFails() {
    JsonNode p = awaitFinal(create("sha-bad", server.url("/ssg-firefox-ds.xml"), "0".repeat(64)));
    assertThat(p.get("status").asString()).isEqualTo("failed");
    assertThat(p.get("statusMessage").asString()).contains("sha256 mismatch");
    assertThat(versionCount(p)).isZero();
  }

  private long create(String name, String url, String sha) {
    String body =
        "{\"securityPackage\":{\"name\":"
            + ApiClient.quote(name)
            + ",\"type\":\"scap-package\","
            + "\"url\":"
            + ApiClient.quote(url)
            + ",\"labels\":[\"test\"],\"enabled\":true"
            + (sha == null ? "" : ",\"expectedSha256\":\"" + sha + "\"")
            + "}}";
    ApiClient.Response r = api.post("/api/security-packages", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("securityPackage").get("status").asString()).isEqualTo("pending");
    return r.json().get("securityPackage").get("id").asLong();
  }

  private JsonNode awaitFinal(long id) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              last[0] = api.get("/api/security-packages/" + id).json().get("securityPackage");
              String s = last[0].get("status").asString();
              return s.equals("ready") || s.equals("failed");
            });
    return last[0];
  }

  private int versionCount(JsonNode p) {
    return api.get("/api/security-packages/" + p.get("id").asLong() + "/versions")
        .json()
        .get("versions")
        .size();
  }

  private static List<String> paths(JsonNode checklists) {
    List<String> out = new ArrayList<>();
    checklists.forEach(c -> out.add(c.get("path").asString()));
    return out;
  }

  private static List<String> profileIds(JsonNode lists, String path) {
    List<String> out = new ArrayList<>();
    lists
        .get("checklists")
        .forEach(
            c -> {
              if (c.get("path").asString().equals(path)) {
                c.get("profiles").forEach(p -> out.add(p.get("id").asString()));
              }
            });
    return out;
  }

  private static String sha256(byte[] data) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hostile XML documents. */
  static final class Hostile {
    static final String XXE =
        "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + "<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\">&xxe;</Benchmark>";
    static final String BILLION_LAUGHS =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
            + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
            + "<lolz>&lol4;</lolz>";

    static String dtdHeavy() {
      StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE data [");
      for (int i = 0; i < 20_000; i++) {
        sb.append("<!ELEMENT e").append(i).append(" (#PCDATA)>");
        sb.append("<!ATTLIST e").append(i).append(" a CDATA #IMPLIED>");
      }
      return sb.append("]><data/>").toString();
    }

    private Hostile() {}
  }
}
