package dev.vigil.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.inventory.Credential;
import dev.vigil.inventory.CredentialInput;
import dev.vigil.inventory.CredentialService;
import dev.vigil.inventory.InstanceInput;
import dev.vigil.inventory.InstanceService;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerInput;
import dev.vigil.inventory.ServerService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The Infrastructure pages render with real data, keep typed values and show field errors, never
 * fill in a secret, and show a connection test's result. Runs without the security filters (the
 * permission checks are covered by the access feature's permission walk).
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:invpages;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.scheduler.enabled=false",
      "vigil.data-dir=target/inventory-pages-data",
      "vigil.inventory.master-key="
    })
@AutoConfigureMockMvc(addFilters = false)
class InventoryPagesIntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired CredentialService credentials;
  @Autowired ServerService servers;
  @Autowired InstanceService instances;

  @BeforeEach
  void clean() {
    jdbc.sql("delete from instances").update();
    jdbc.sql("delete from servers").update();
    jdbc.sql("delete from credentials").update();
  }

  @Test
  void listsAndDetailShowServersWithTheirLastTest() {
    Credential c = password("ops-pw", "page-secret-1");
    Server s = ssh("web-1", c);
    instances.create(new InstanceInput("app", "d", List.of(), List.of(s.id())));
    assertThat(get("/infrastructure/hosts")).contains("web-1", "never tested", "10.0.0.5:22");
    assertThat(get("/infrastructure/hosts?phrase=nomatch")).contains("No servers");
    assertThat(get("/infrastructure/hosts/" + s.id()))
        .contains("web-1", "ops-pw", "not pinned yet", "Never tested.");
    assertThat(get("/infrastructure/instances")).contains("app", "web-1");
    assertThat(get("/infrastructure/credentials"))
        .contains("ops-pw", "username-password")
        .doesNotContain("page-secret-1");
  }

  @Test
  void serverFormKeepsTypedValuesAndShowsFieldErrors() {
    password("ops-pw", "x");
    String page =
        post(
            MockMvcRequestBuilders.post("/infrastructure/hosts")
                .param("name", "typed-name")
                .param("sshHost", "bad host")
                .param("sshPort", "70000")
                .param("connectionType", "ssh")
                .param("privilegeMode", "root"));
    assertThat(page)
        .contains("value=\"typed-name\"", "value=\"70000\"")
        .contains("Address must be a host name or an IP address")
        .contains("SSH port must be a number from 1 to 65535")
        .contains("Credential is required for an ssh server");
    assertThat(servers.count(new dev.vigil.web.ListQuery(25, 0, null, null, null, false))).isZero();
  }

  @Test
  void credentialFormNeverFillsInSecrets() {
    Credential c = password("ops-pw", "never-shown-42");
    assertThat(get("/infrastructure/credentials/" + c.id() + "/edit"))
        .contains("value=\"ops-pw\"")
        .doesNotContain("never-shown-42");
    String again =
        post(
            MockMvcRequestBuilders.post("/infrastructure/credentials")
                .param("name", "k")
                .param("type", "username-keypair")
                .param("username", "root")
                .param("privateKey", "typed-not-a-key")
                .param("passphrase", "typed-passphrase"));
    assertThat(again)
        .contains("is not a readable OpenSSH or PEM private key")
        .doesNotContain("typed-not-a-key", "typed-passphrase");
  }

  @Test
  void testConnectionButtonShowsTheResult() {
    Server local =
        servers.create(
            new ServerInput(
                "self", null, null, null, null, false, "root", "local", null, List.of(), null));
    String page =
        post(
            MockMvcRequestBuilders.post(
                "/infrastructure/hosts/" + local.id() + "/test-connection"));
    assertThat(page).contains("Connection OK", "OpenSCAP");
    assertThat(get("/infrastructure/hosts")).contains("ok");
  }

  @Test
  void instanceFormChecksItsMembers() {
    Server s = ssh("web-1", password("ops-pw", "x"));
    String page =
        post(
            MockMvcRequestBuilders.post("/infrastructure/instances")
                .param("name", "app")
                .param("serverIds", Long.toString(s.id())));
    assertThat(page).isEmpty();
    long id =
        instances.list(new dev.vigil.web.ListQuery(25, 0, null, "app", null, false)).get(0).id();
    assertThat(get("/infrastructure/instances/" + id + "/edit"))
        .contains("value=\"" + s.id() + "\" checked");
  }

  private Credential password(String name, String password) {
    return credentials.create(
        new CredentialInput(name, "username-password", "ops", password, null, null), "t");
  }

  private Server ssh(String name, Credential c) {
    return servers.create(
        new ServerInput(
            name, "10.0.0.5", "22", null, c.id(), true, "root", "ssh", null, List.of(), null));
  }

  private String get(String path) {
    return body(MockMvcRequestBuilders.get(path), 200);
  }

  private String post(MockHttpServletRequestBuilder request) {
    MockHttpServletResponse r = perform(request);
    assertThat(r.getStatus()).isIn(200, 302);
    return r.getStatus() == 302 ? "" : content(r);
  }

  private String body(MockHttpServletRequestBuilder request, int status) {
    MockHttpServletResponse r = perform(request);
    assertThat(r.getStatus()).as(content(r)).isEqualTo(status);
    return content(r);
  }

  private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) {
    try {
      return mvc.perform(request).andReturn().getResponse();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String content(MockHttpServletResponse r) {
    try {
      return r.getContentAsString(StandardCharsets.UTF_8);
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
