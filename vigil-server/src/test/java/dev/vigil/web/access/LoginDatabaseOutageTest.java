package dev.vigil.web.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.access.ClientAddress;
import dev.vigil.access.LoginAttempt;
import dev.vigil.access.LoginThrottle;
import dev.vigil.access.LoginThrottleSettings;
import dev.vigil.web.DatabaseOutage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.ServletException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

/**
 * The login form's user look-up failing because the database is unavailable is not a wrong
 * password: it is passed on as an error (answered 503 by the outage filter), neither redirected to
 * "bad credentials" nor counted by the login throttle.
 */
class LoginDatabaseOutageTest {

  private static final LoginThrottleSettings SETTINGS =
      new LoginThrottleSettings(
          1, Duration.ofMinutes(1), 10, Duration.ofMinutes(15), 100, List.of());

  private final LoginThrottle throttle =
      new LoginThrottle(SETTINGS, Clock.systemUTC(), new SimpleMeterRegistry());
  private final PageLoginThrottle page =
      new PageLoginThrottle(throttle, new ClientAddress(SETTINGS));

  @Test
  void anUnavailableDatabaseIsAnErrorNotAFailedSignIn() throws Exception {
    InternalAuthenticationServiceException lookUp =
        new InternalAuthenticationServiceException(
            "Failed to obtain JDBC Connection",
            new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("Connection is not available", "08001")));

    for (int i = 0; i < 3; i++) {
      MockHttpServletResponse response = new MockHttpServletResponse();
      assertThatThrownBy(() -> page.onAuthenticationFailure(form(), response, lookUp))
          .isInstanceOf(ServletException.class)
          .satisfies(e -> assertThat(DatabaseOutage.is(e)).isTrue());
      assertThat(response.getRedirectedUrl()).as("not sent to ?error").isNull();
    }
    LoginAttempt attempt = new LoginAttempt("admin", "127.0.0.9");
    assertThat(throttle.refusal(attempt, "page")).as("no failure counted").isEmpty();

    MockHttpServletResponse wrong = new MockHttpServletResponse();
    page.onAuthenticationFailure(form(), wrong, new BadCredentialsException("Bad credentials"));
    assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
    page.onAuthenticationFailure(
        form(), new MockHttpServletResponse(), new BadCredentialsException("x"));
    assertThat(throttle.refusal(attempt, "page")).as("wrong passwords still count").isPresent();
  }

  private static MockHttpServletRequest form() {
    MockHttpServletRequest r = new MockHttpServletRequest("POST", "/login");
    r.setRemoteAddr("127.0.0.9");
    r.setParameter("username", "admin");
    return r;
  }
}
