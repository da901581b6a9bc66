package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

  private static ClientAddress trusting(String... proxies) {
    return new ClientAddress(
        new LoginThrottleSettings(
            5, Duration.ofSeconds(1), 10, Duration.ofMinutes(15), 100, List.of(proxies)));
  }

  private static MockHttpServletRequest from(String peer, String... forwardedFor) {
    MockHttpServletRequest r = new MockHttpServletRequest("POST", "/oauth/token");
    r.setRemoteAddr(peer);
    for (String h : forwardedFor) {
      r.addHeader("X-Forwarded-For", h);
    }
    return r;
  }

  @Test
  void ignoresForwardedForFromAPeerThatIsNoTrustedProxy() {
    assertThat(trusting().of(from("127.0.0.5", "192.0.2.1"))).isEqualTo("127.0.0.5");
    assertThat(trusting("10.0.0.0/8").of(from("127.0.0.5", "192.0.2.1"))).isEqualTo("127.0.0.5");
  }

  @Test
  void takesTheRightmostUntrustedHopBehindTrustedProxies() {
    ClientAddress a = trusting("127.0.0.0/8", "10.1.1.1");
    assertThat(a.of(from("127.0.0.5", "198.51.100.7, 192.0.2.1, 10.1.1.1")))
        .as("a client cannot choose its address by writing the left of the header")
        .isEqualTo("192.0.2.1");
    assertThat(a.of(from("127.0.0.5", "198.51.100.7", "192.0.2.1"))).isEqualTo("192.0.2.1");
    assertThat(a.of(from("127.0.0.5"))).isEqualTo("127.0.0.5");
  }

  @Test
  void stopsAtAnEntryThatIsNoAddress() {
    ClientAddress a = trusting("127.0.0.1");
    assertThat(a.of(from("127.0.0.1", "192.0.2.1, not-an-ip"))).isEqualTo("127.0.0.1");
    assertThat(a.of(from("127.0.0.1", "2001:db8::1"))).isEqualTo("2001:db8::1");
  }

  @Test
  void refusesSettingsWhereTheLockComesBeforeTheSlowing() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new LoginThrottleSettings(
                    5, Duration.ofSeconds(1), 5, Duration.ofMinutes(1), 10, List.of()))
        .hasMessageContaining("lock-after");
  }
}
