package dev.vigil.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The signature, the backoff and the URL policy on their own. */
class WebhookUnitsTest {

  @Test
  void signatureIsTheHexHmacSha256OfTheBody() {
    // RFC 4231 test case 2
    assertThat(
            WebhookSignature.of(
                "Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    WebhookSettings s =
        new WebhookSettings(
            false,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            DataSize.ofKilobytes(4),
            8,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            4,
            Duration.ofSeconds(2),
            Duration.ofMinutes(1),
            Duration.ofDays(7),
            Duration.ofDays(30));
    assertThat(s.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
    assertThat(s.backoffAfter(4)).isEqualTo(Duration.ofSeconds(240));
    assertThat(s.backoffAfter(5)).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.backoffAfter(60)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void urlPolicyRefusesPrivateAddressesUnlessAllowed() {
    WebhookUrls strict = new WebhookUrls(false);
    for (String url :
        new String[] {
          "http://127.0.0.5/x",
          "https://10.0.0.1/x",
          "http://192.168.1.1/x",
          "http://169.254.169.254/x",
          "http://[::1]/x",
          "http://[fd00::1]/x",
          "http://0.0.0.0/x"
        }) {
      assertThatThrownBy(() -> strict.check(url))
          .as(url)
          .isInstanceOf(WebhookUrls.Refused.class)
          .hasMessageContaining("private addresses are refused");
    }
    assertThat(new WebhookUrls(true).check("http://127.0.0.5:81/x").getPort()).isEqualTo(81);
    assertThat(strict.check("https://93.184.216.34/hook").getHost()).isEqualTo("93.184.216.34");
    assertThatThrownBy(() -> strict.check("file:///etc/passwd"))
        .hasMessageContaining("must be an http or https URL");
  }
}
