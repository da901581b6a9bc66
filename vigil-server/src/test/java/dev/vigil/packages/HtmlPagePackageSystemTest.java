package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ContentServer;
import dev.vigil.testsupport.VigilSystemTest;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A package URL that answers a web page (a landing page, a login page in front of the file) fails
 * with "not a SCAP file: the URL returned an HTML page" — not with the XML parser's refusal of the
 * page's DOCTYPE — whatever the URL's name says; served by a real loopback HTTP server.
 */
@VigilSystemTest
class HtmlPagePackageSystemTest {

  private static final String PAGE =
      "\n<!DOCTYPE html>\n<html lang=\"en\"><head><title>Releases</title></head>"
          + "<body><a href=\"/ssg.zip\">download</a></body></html>\n";
  private static ContentServer server;

  @LocalServerPort int port;

  @BeforeAll
  static void serve() throws IOException {
    server = new ContentServer();
    server
        .bytes("/releases", PAGE.getBytes())
        .bytes("/ssg-1.0-ds.xml", PAGE.getBytes())
        .bytes("/ssg.zip", ("<html><body>Sign in</body></html>").getBytes())
        .bytes("/doctype.xml", SecurityPackageSystemTest.Hostile.XXE.getBytes());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anHtmlPageFailsAsNotAScapFileWhateverTheUrlIsNamed() {
    ApiClient api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    for (String path : new String[] {"/releases", "/ssg-1.0-ds.xml", "/ssg.zip"}) {
      JsonNode p = awaitFinal(api, create(api, "html" + path.replaceAll("[^a-z0-9]", "-"), path));
      assertThat(p.get("status").asString()).as(path).isEqualTo("failed");
      assertThat(p.get("statusMessage").asString())
          .as(path)
          .isEqualTo("not a SCAP file: the URL returned an HTML page");
      assertThat(
              api.get("/api/security-packages/" + p.get("id").asLong() + "/versions")
                  .json()
                  .get("versions"))
          .as("nothing stored for " + path)
          .isEmpty();
    }
    JsonNode xxe = awaitFinal(api, create(api, "xml-with-doctype", "/doctype.xml"));
    assertThat(xxe.get("statusMessage").asString())
        .as("an XML file with a DOCTYPE keeps the parser's reason")
        .contains("DOCTYPE");
  }

  private static long create(ApiClient api, String name, String path) {
    ApiClient.Response r =
        api.post(
            "/api/security-packages",
            "{\"securityPackage\":{\"name\":"
                + ApiClient.quote(name)
                + ",\"url\":"
                + ApiClient.quote(server.url(path))
                + "}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("securityPackage").get("id").asLong();
  }

  private static JsonNode awaitFinal(ApiClient api, long id) {
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
}
