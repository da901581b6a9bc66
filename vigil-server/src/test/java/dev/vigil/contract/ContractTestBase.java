package dev.vigil.contract;

import dev.vigil.contract.ContractClient.Resp;
import dev.vigil.testsupport.SharedDatabaseReset;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One running Vigil (random port, H2 in memory) shared by every contract test class: the classes
 * declare nothing of their own, so Spring's test context cache starts it once. Each class marks its
 * records with its own word so that lists can be checked exactly.
 */
@VigilSystemTest
@SharedDatabaseReset.Skip
abstract class ContractTestBase {

  static final String ADMIN_PASSWORD = VigilSystemTest.ADMIN_PASSWORD;
  static final String NO_SCANNING_USER = "ctr-no-scanning";
  static final String NO_INFRA_USER = "ctr-no-infra";
  static final String USER_PASSWORD = "ctr-user-pw-1";

  /** Where package content may be fetched from with file: URLs. */
  static final Path CONTENT_ROOT = SystemTestContent.newFolder("vigil-contracttestbase");

  @LocalServerPort int port;

  /** The admin, signed in as the CLI does. */
  ContractClient admin;

  private static final java.util.Map<String, String> TOKENS =
      new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void signIn() {
    admin = signedIn("admin", ADMIN_PASSWORD);
  }

  /** A client of {@code username}, signed in once per running server (bcrypt is slow). */
  ContractClient signedIn(String username, String password) {
    String key = port + "/" + username;
    String token = TOKENS.get(key);
    if (token == null) {
      token =
          new ContractClient(port)
              .passwordGrantCli(username, password, "morph-cli")
              .json()
              .path("access_token")
              .asString();
      TOKENS.put(key, token);
    }
    return new ContractClient(port).bearer(token);
  }

  /** Ready packages and local servers (and on demand scans), made once; skips without oscap. */
  ContractFixture fixture() {
    return ContractFixture.of(port, admin, CONTENT_ROOT);
  }

  /** An unauthenticated client. */
  ContractClient anonymous() {
    return new ContractClient(port);
  }

  /** A user whose role grants infrastructure read but no "Security: Scanning". */
  ContractClient noScanning() {
    ensureUser(NO_SCANNING_USER, "ctr-infra-only", "{\"infrastructure\":\"read\"}");
    return signedIn(NO_SCANNING_USER, USER_PASSWORD);
  }

  /** A user whose role grants "Security: Scanning" full but no infrastructure. */
  ContractClient noInfrastructure() {
    ensureUser(NO_INFRA_USER, "ctr-scanning-only", "{\"security-scanning\":\"full\"}");
    return signedIn(NO_INFRA_USER, USER_PASSWORD);
  }

  private synchronized void ensureUser(String username, String role, String permissions) {
    Resp found = admin.get("/api/users?name=" + username);
    if (found.json().path("users").size() == 1) {
      return;
    }
    long roleId =
        ContractClient.id(
            admin.post(
                "/api/roles",
                "{\"role\":{\"name\":\"" + role + "\",\"permissions\":" + permissions + "}}"),
            "role");
    ContractClient.id(
        admin.post(
            "/api/users",
            "{\"user\":{\"username\":\""
                + username
                + "\",\"password\":\""
                + USER_PASSWORD
                + "\",\"roles\":[{\"id\":"
                + roleId
                + "}]}}"),
        "user");
  }
}
