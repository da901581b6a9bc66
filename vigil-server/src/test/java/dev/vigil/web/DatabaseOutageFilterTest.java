package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.operations.DatabaseProbe;
import dev.vigil.operations.DatabaseSettings;
import dev.vigil.testsupport.TestDatabases;
import jakarta.servlet.ServletException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 503 mapping in front of the filter chains, over a real (in-memory H2) database: an error that
 * says the database is unavailable, thrown anywhere behind the filter (a token look-up, the login
 * form's user look-up, a controller), becomes 503 in the Morpheus shape on API paths and a readable
 * page elsewhere; other errors pass through; a probe that cannot write answers 503 at once.
 */
class DatabaseOutageFilterTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DatabaseSettings SETTINGS =
      new DatabaseSettings(Duration.ofSeconds(5), Duration.ofSeconds(5));

  private final DataSource db = TestDatabases.h2();
  private final DatabaseProbe probe = new DatabaseProbe(db, SETTINGS, Clock.systemUTC());
  private final DatabaseOutageFilter filter = new DatabaseOutageFilter(probe, JSON);

  @Test
  void aTokenLookUpThatCannotGetAConnectionIsA503InTheMorpheusShape() throws Exception {
    MockHttpServletResponse response = run("/api/servers", unavailable());

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("10");
    assertThat(response.getContentType()).startsWith("application/json");
    JsonNode body = JSON.readTree(response.getContentAsString());
    assertThat(body.get("success").asBoolean()).isFalse();
    assertThat(body.get("msg").asString()).isEqualTo(DatabaseOutage.MESSAGE);
  }

  @Test
  void theLoginFormsFailedUserLookUpIsAReadable503Page() throws Exception {
    ServletException wrapped =
        new ServletException(
            "the database is unavailable",
            new InternalAuthenticationServiceException("lookup", unavailable()));
    MockHttpServletResponse response = run("/login", wrapped);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentType()).startsWith("text/html");
    assertThat(response.getContentAsString())
        .contains("<h1>Database unavailable</h1>")
        .contains("try again later");
  }

  @Test
  void otherErrorsPassThrough() {
    IllegalStateException other = new IllegalStateException("a bug");
    assertThatThrownBy(() -> run("/api/servers", other)).isSameAs(other);
    ServletException sqlError =
        new ServletException(new RuntimeException(new SQLException("syntax", "42000")));
    assertThatThrownBy(() -> run("/api/servers", sqlError)).isSameAs(sqlError);
  }

  @Test
  void aDatabaseThatCannotBeWrittenIsA503BeforeAnythingElseRunsAndHealthStaysOpen()
      throws Exception {
    assertThat(probe.probe().writable()).isTrue();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("shutdown");
    }
    DatabaseProbe.ProbeResult down = probe.probe();
    assertThat(down.writable()).isFalse();
    assertThat(down.error()).isNotBlank();

    AtomicInteger reached = new AtomicInteger();
    MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/job-executions");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(api, response, (req, res) -> reached.incrementAndGet());
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(reached).as("nothing behind the filter ran").hasValue(0);

    MockHttpServletResponse health = new MockHttpServletResponse();
    filter.doFilter(
        new MockHttpServletRequest("GET", "/actuator/health"),
        health,
        (req, res) -> reached.incrementAndGet());
    assertThat(reached).as("health is answered by the health endpoint").hasValue(1);
  }

  private MockHttpServletResponse run(String path, Exception thrown) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(
        request,
        response,
        new MockFilterChain() {
          @Override
          public void doFilter(
              jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res)
              throws java.io.IOException, ServletException {
            if (thrown instanceof ServletException s) {
              throw s;
            }
            throw (RuntimeException) thrown;
          }
        });
    return response;
  }

  private static RuntimeException unavailable() {
    return new CannotGetJdbcConnectionException(
        "Failed to obtain JDBC Connection",
        new SQLTransientConnectionException("vigil - Connection is not available", "08001"));
  }
}
