package dev.vigil.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With the default settings a webhook URL on a private address is refused, naming the address and
 * the setting that allows it, as package URLs are (127/8 stands for every private range here: the
 * policy is {@code packages.AddressPolicy}'s, whose ranges its own tests cover).
 */
@VigilSystemTestWithoutScheduler
class WebhookPrivateAddressIntegrationTest {

  @LocalServerPort int port;

  @Test
  void aPrivateAddressIsRefusedUnlessAllowed() {
    ApiClient api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    for (String url :
        new String[] {
          "http://127.0.0.1:8080/hook",
          "http://127.0.0.2/hook",
          "http://10.1.2.3/hook",
          "http://169.254.169.254/latest",
          "http://[::1]/hook"
        }) {
      ApiClient.Response r =
          api.post(
              "/api/webhooks",
              "{\"webhook\":{\"name\":\"private\",\"url\":"
                  + ApiClient.quote(url)
                  + ",\"secret\":\"a-secret-of-enough-length\",\"events\":[\"execution.failed\"]}}");
      assertThat(r.status()).as(url + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().get("errors").get("url").asString())
          .as(url)
          .contains("private addresses are refused")
          .contains("vigil.webhooks.allow-private-addresses=true");
    }
    ApiClient.Response localhost =
        api.post(
            "/api/webhooks",
            "{\"webhook\":{\"name\":\"private\",\"url\":\"http://localhost:8080/\","
                + "\"secret\":\"a-secret-of-enough-length\",\"events\":[\"execution.failed\"]}}");
    assertThat(localhost.json().get("errors").get("url").asString())
        .contains("localhost resolves to")
        .contains("a loopback address");
    assertThat(api.get("/api/webhooks").json().get("meta").get("total").asLong()).isZero();
  }
}
