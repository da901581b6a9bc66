package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ContentServer;
import dev.vigil.testsupport.TestArchives;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** With the default settings, a package URL on a loopback address is refused and says why. */
@VigilSystemTestWithClock
class PackagePrivateAddressSystemTest {

  @LocalServerPort int port;

  @Test
  void loopbackUrlIsRefusedWhilePrivateAddressesAreNotAllowed() throws Exception {
    try (ContentServer server = new ContentServer()) {
      server.bytes("/ds.xml", TestArchives.ssg("ssg-firefox-ds.xml"));
      ApiClient api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
      String body =
          "{\"securityPackage\":{\"name\":\"private\",\"type\":\"scap-package\",\"url\":"
              + ApiClient.quote(server.url("/ds.xml"))
              + "}}";
      long id =
          api.post("/api/security-packages", body).json().get("securityPackage").get("id").asLong();
      JsonNode[] p = new JsonNode[1];
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                p[0] = api.get("/api/security-packages/" + id).json().get("securityPackage");
                return p[0].get("status").asString().equals("failed");
              });
      assertThat(p[0].get("statusMessage").asString())
          .contains("127.0.0.1")
          .contains("private addresses are refused")
          .contains("vigil.packages.allow-private-addresses");
    }
  }
}
