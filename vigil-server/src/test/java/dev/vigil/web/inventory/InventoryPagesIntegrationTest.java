package dev.vigil.web.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.vigil.inventory.Credential;
import dev.vigil.inventory.CredentialInput;
import dev.vigil.inventory.CredentialService;
import dev.vigil.inventory.Instance;
import dev.vigil.inventory.InstanceInput;
import dev.vigil.inventory.InstanceService;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerInput;
import dev.vigil.inventory.ServerService;
import dev.vigil.shared.ListQuery;
import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The Infrastructure pages through the whole application (security filters and permission checks
 * included) as an Administrator (full), a Security Operator (read) and an Auditor (none): pages
 * render with real data, keep typed values and show field errors, never fill in a secret, and show
 * a connection test's result; the operator sees hosts but no controls and a forged POST is refused;
 * the auditor may not open the pages at all.
 */
@VigilSystemTestWithoutScheduler
class InventoryPagesIntegrationTest {

  private static final String ADMIN = "admin";
  private static final String OPERATOR = "inv-operator";
  private static final String AUDITOR = "inv-auditor";
  private static final String PENDING = "SHA256:pendingpendingpendingpendingpendingpendingpe";
  private static boolean usersMade;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired CredentialService credentials;
  @Autowired ServerService servers;
  @Autowired InstanceService instances;

  @BeforeEach
  void clean() {
    if (!usersMade) {
      ApiClient admin = new ApiClient(port).login(ADMIN, VigilSystemTest.ADMIN_PASSWORD);
      TestUsers.create(admin, AUDITOR, "inv-auditor-pw-1", "Auditor");
      TestUsers.create(admin, OPERATOR, "inv-operator-pw-1", "Security Operator");
      usersMade = true;
    }
    jdbc.sql("delete from instances").update();
    jdbc.sql("delete from servers").update();
    jdbc.sql("delete from credentials").update();
  }

  @Test
  void listsAndDetailShowServersWithTheirLastTest() {
    Credential c = password("ops-pw", "page-secret-1");
    Server s = ssh("web-1", c);
    instances.create(new InstanceInput("app", "d", List.of(), List.of(s.id())));
    assertThat(get("/infrastructure/hosts", ADMIN))
        .contains("web-1", "never tested", "10.0.0.5:22", "add-server");
    assertThat(get("/infrastructure/hosts?phrase=nomatch", ADMIN)).contains("No servers");
    assertThat(get("/infrastructure/hosts/" + s.id(), ADMIN))
        .contains("web-1", "ops-pw", "not pinned yet", "Never tested.")
        .contains("test-connection", "edit-server", "delete-server");
    assertThat(get("/infrastructure/instances", ADMIN)).contains("app", "web-1", "add-instance");
    assertThat(get("/infrastructure/credentials", ADMIN))
        .contains("ops-pw", "username-password", "add-credential")
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
                .param("privilegeMode", "root"),
            ADMIN);
    assertThat(page)
        .contains("value=\"typed-name\"", "value=\"70000\"")
        .contains("Address must be a host name or an IP address")
        .contains("SSH port must be a number from 1 to 65535")
        .contains("Credential is required for an ssh server");
    assertThat(serverCount()).isZero();
  }

  @Test
  void credentialFormNeverFillsInSecrets() {
    Credential c = password("ops-pw", "never-shown-42");
    assertThat(get("/infrastructure/credentials/" + c.id() + "/edit", ADMIN))
        .contains("value=\"ops-pw\"")
        .doesNotContain("never-shown-42");
    String again =
        post(
            MockMvcRequestBuilders.post("/infrastructure/credentials")
                .param("name", "k")
                .param("type", "username-keypair")
                .param("username", "root")
                .param("privateKey", "typed-not-a-key")
                .param("passphrase", "typed-passphrase"),
            ADMIN);
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
            MockMvcRequestBuilders.post("/infrastructure/hosts/" + local.id() + "/test-connection"),
            ADMIN);
    assertThat(page).contains("Connection OK", "OpenSCAP");
    assertThat(get("/infrastructure/hosts", ADMIN)).contains("ok");
  }

  @Test
  void instanceFormChecksItsMembers() {
    Server s = ssh("web-1", password("ops-pw", "x"));
    String page =
        post(
            MockMvcRequestBuilders.post("/infrastructure/instances")
                .param("name", "app")
                .param("serverIds", Long.toString(s.id())),
            ADMIN);
    assertThat(page).isEmpty();
    long id = instances.list(new ListQuery(25, 0, null, "app", null, false)).get(0).id();
    assertThat(get("/infrastructure/instances/" + id + "/edit", ADMIN))
        .contains("value=\"" + s.id() + "\" checked");
  }

  @Test
  void administratorSeesTheAcceptHostKeyControlWhenAKeyIsPending() {
    Server s = ssh("web-1", password("ops-pw", "x"));
    pendingHostKey(s);
    assertThat(get("/infrastructure/hosts/" + s.id(), ADMIN))
        .contains(PENDING, "accept-host-key", "test-connection", "edit-server");
  }

  @Test
  void securityOperatorSeesHostsButNoControls() {
    Credential c = password("ops-pw", "operator-never-sees");
    Server s = ssh("web-1", c);
    pendingHostKey(s);
    instances.create(new InstanceInput("app", "d", List.of(), List.of(s.id())));
    assertThat(get("/infrastructure/hosts", OPERATOR))
        .contains("web-1", "10.0.0.5:22")
        .doesNotContain("add-server", "/infrastructure/hosts/new");
    assertThat(get("/infrastructure/hosts/" + s.id(), OPERATOR))
        .contains("web-1", "ops-pw", PENDING)
        .doesNotContain(
            "test-connection",
            "edit-server",
            "delete-server",
            "accept-host-key",
            "/infrastructure/hosts/" + s.id() + "/edit",
            "/infrastructure/hosts/" + s.id() + "/delete");
    assertThat(get("/infrastructure/credentials", OPERATOR))
        .contains("ops-pw")
        .doesNotContain(
            "add-credential",
            "operator-never-sees",
            "/infrastructure/credentials/" + c.id() + "/edit",
            "/infrastructure/credentials/" + c.id() + "/delete");
    long instance = onlyInstance().id();
    assertThat(get("/infrastructure/instances", OPERATOR))
        .contains("app", "web-1")
        .doesNotContain(
            "add-instance",
            "/infrastructure/instances/" + instance + "/edit",
            "/infrastructure/instances/" + instance + "/delete");
  }

  @Test
  void securityOperatorCannotPostTheFormsEvenWithAValidCsrfToken() {
    Credential c = password("ops-pw", "x");
    Server s = ssh("web-1", c);
    pendingHostKey(s);
    instances.create(new InstanceInput("app", "d", List.of(), List.of(s.id())));
    long instance = onlyInstance().id();
    String host = "/infrastructure/hosts/" + s.id();
    for (String path :
        List.of(
            "/infrastructure/hosts",
            host,
            host + "/delete",
            host + "/test-connection",
            host + "/accept-host-key",
            "/infrastructure/credentials",
            "/infrastructure/credentials/" + c.id(),
            "/infrastructure/credentials/" + c.id() + "/delete",
            "/infrastructure/instances",
            "/infrastructure/instances/" + instance,
            "/infrastructure/instances/" + instance + "/delete")) {
      MockHttpServletResponse r =
          perform(
              MockMvcRequestBuilders.post(path)
                  .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                  .param("name", "forged")
                  .param("sshHost", "10.9.9.9")
                  .param("connectionType", "ssh")
                  .param("credentialId", Long.toString(c.id()))
                  .param("type", "username-password")
                  .param("username", "forged")
                  .param("password", "forged")
                  .with(user(OPERATOR))
                  .with(csrf()));
      assertThat(r.getStatus()).as("POST " + path).isEqualTo(403);
    }
    for (String path :
        List.of(
            "/infrastructure/hosts/new",
            host + "/edit",
            "/infrastructure/credentials/new",
            "/infrastructure/credentials/" + c.id() + "/edit",
            "/infrastructure/instances/new",
            "/infrastructure/instances/" + instance + "/edit")) {
      assertThat(status(MockMvcRequestBuilders.get(path), OPERATOR)).as(path).isEqualTo(403);
    }
    Server after = servers.get(s.id());
    assertThat(after.name()).isEqualTo("web-1");
    assertThat(after.pendingHostKey()).isEqualTo(PENDING);
    assertThat(after.lastTest()).isNull();
    assertThat(serverCount()).isOne();
    assertThat(credentials.get(c.id()).name()).isEqualTo("ops-pw");
    assertThat(credentials.count(all())).isOne();
    assertThat(onlyInstance().name()).isEqualTo("app");
  }

  @Test
  void auditorMayNotOpenOrPostTheInfrastructurePages() {
    Credential c = password("ops-pw", "x");
    Server s = ssh("web-1", c);
    for (String path :
        List.of(
            "/infrastructure/hosts",
            "/infrastructure/hosts/" + s.id(),
            "/infrastructure/hosts/new",
            "/infrastructure/credentials",
            "/infrastructure/instances")) {
      MockHttpServletResponse r = perform(MockMvcRequestBuilders.get(path).with(user(AUDITOR)));
      assertThat(r.getStatus()).as(path).isEqualTo(403);
      assertThat(content(r)).as(path).doesNotContain("web-1", "ops-pw");
    }
    for (String path :
        List.of(
            "/infrastructure/hosts",
            "/infrastructure/hosts/" + s.id() + "/delete",
            "/infrastructure/hosts/" + s.id() + "/test-connection",
            "/infrastructure/credentials/" + c.id() + "/delete")) {
      MockHttpServletResponse r =
          perform(
              MockMvcRequestBuilders.post(path)
                  .param("name", "forged")
                  .with(user(AUDITOR))
                  .with(csrf()));
      assertThat(r.getStatus()).as("POST " + path).isEqualTo(403);
    }
    assertThat(serverCount()).isOne();
    assertThat(servers.get(s.id()).lastTest()).isNull();
    assertThat(credentials.count(all())).isOne();
  }

  @Test
  void signedOutVisitorsAreSentToTheLoginPage() {
    MockHttpServletResponse r = perform(MockMvcRequestBuilders.get("/infrastructure/hosts"));
    assertThat(r.getStatus()).isEqualTo(302);
    assertThat(r.getRedirectedUrl()).contains("/login");
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

  private void pendingHostKey(Server s) {
    jdbc.sql(
            "update servers set host_key_fingerprint = 'SHA256:pinned', pending_host_key = ?"
                + " where id = ?")
        .param(PENDING)
        .param(s.id())
        .update();
  }

  private Instance onlyInstance() {
    List<Instance> all = instances.list(all());
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private long serverCount() {
    return servers.count(all());
  }

  private static ListQuery all() {
    return new ListQuery(ListQuery.ALL, 0, null, null, null, false);
  }

  private String get(String path, String username) {
    MockHttpServletResponse r = perform(MockMvcRequestBuilders.get(path).with(user(username)));
    assertThat(r.getStatus()).as(content(r)).isEqualTo(200);
    return content(r);
  }

  private int status(MockHttpServletRequestBuilder request, String username) {
    return perform(request.with(user(username))).getStatus();
  }

  private String post(MockHttpServletRequestBuilder request, String username) {
    MockHttpServletResponse r = perform(request.with(user(username)).with(csrf()));
    assertThat(r.getStatus()).as(content(r)).isIn(200, 302);
    return r.getStatus() == 302 ? "" : content(r);
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
