package dev.vigil.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.shared.InvalidInputException;
import dev.vigil.testsupport.Counts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every bad field is named in one 400 and nothing is written. */
class InventoryValidationIntegrationTest {

  @TempDir Path tmp;
  private final InventoryFixture inv = new InventoryFixture();

  @AfterEach
  void close() {
    inv.close();
  }

  @Test
  void serverWithoutNameHostOrCredentialNamesEachField() {
    Map<String, String> e =
        errors(() -> inv.servers.create(server(null, null, null, null, null, null, null)));
    assertThat(e)
        .containsEntry("name", "is required")
        .containsEntry("sshHost", "is required")
        .containsEntry("credential", "is required for an ssh server");
    assertThat(rows("servers")).isZero();
  }

  @Test
  void rejectsPortOutOfRangeBadHostAndUnknownCodes() {
    long cred = inv.password("pw", "ops", "x").id();
    for (String port : List.of("0", "65536", "ssh", "-1")) {
      assertThat(errors(() -> inv.servers.create(server("s", "h", port, cred, null, null, null))))
          .containsEntry("sshPort", "must be a number from 1 to 65535");
    }
    for (String host : List.of("bad host", "-x.example", "a;rm -rf /", "1::2::3", "x..y")) {
      assertThat(errors(() -> inv.servers.create(server("s", host, "22", cred, null, null, null))))
          .containsEntry("sshHost", "must be a host name or an IP address");
    }
    assertThat(errors(() -> inv.servers.create(server("s", "h", "22", cred, "admin", "ssh", null))))
        .containsEntry("privilegeMode", "must be root or sudo");
    assertThat(errors(() -> inv.servers.create(server("s", "h", "22", cred, "root", "rdp", null))))
        .containsEntry("connectionType", "must be ssh or local");
    assertThat(rows("servers")).isZero();
  }

  @Test
  void acceptsHostNamesIpv4AndIpv6() {
    long cred = inv.password("pw", "ops", "x").id();
    int n = 0;
    for (String host : List.of("web-1.example.org", "10.1.2.3", "::1", "fe80::1", "localhost")) {
      inv.servers.create(server("s" + n++, host, "22", cred, null, null, null));
    }
    assertThat(rows("servers")).isEqualTo(5);
  }

  @Test
  void rejectsUnknownCredentialDuplicateNameAndMalformedFingerprint() {
    long cred = inv.password("pw", "ops", "x").id();
    inv.servers.create(server("web", "h", "22", cred, null, null, null));
    Map<String, String> e =
        errors(() -> inv.servers.create(server("WEB", "h", "22", 999L, null, null, "SHA256:abc")));
    assertThat(e)
        .containsEntry("name", "must be unique")
        .containsEntry("credential", "not found (id 999)")
        .containsEntry("hostKeyFingerprint", "must be SHA256: followed by 43 base64 characters");
    assertThat(rows("servers")).isEqualTo(1);
  }

  @Test
  void credentialChecksTypeUsernameAndSecrets() {
    assertThat(
            errors(
                () ->
                    inv.credentials.create(
                        new CredentialInput(null, "token", null, null, null, null), "t")))
        .containsEntry("name", "is required")
        .containsEntry("type", "must be username-keypair or username-password")
        .containsEntry("username", "is required");
    assertThat(
            errors(
                () ->
                    inv.credentials.create(
                        new CredentialInput("c", "username-password", "u", "", null, null), "t")))
        .containsEntry("password", "is required");
    assertThat(
            errors(
                () ->
                    inv.credentials.create(
                        new CredentialInput("c", "username-keypair", "u", null, null, null), "t")))
        .containsEntry("privateKey", "is required");
    assertThat(rows("credentials")).isZero();
  }

  @Test
  void unreadableKeyAndWrongPassphraseAreNamed() {
    assertThat(errors(() -> inv.key("c", "u", "not a key", null)))
        .containsEntry("privateKey", "is not a readable OpenSSH or PEM private key");
    String encrypted = TestKeys.generate(tmp, "right");
    assertThat(errors(() -> inv.key("c", "u", encrypted, "wrong")))
        .containsEntry("passphrase", "passphrase does not decrypt the private key");
    assertThat(errors(() -> inv.key("c", "u", encrypted, null)))
        .containsEntry("passphrase", "passphrase does not decrypt the private key");
    assertThat(rows("credentials")).isZero();
  }

  @Test
  void credentialNamesAreUnique() {
    inv.password("pw", "ops", "x");
    assertThat(errors(() -> inv.password("PW", "ops", "y")))
        .containsEntry("name", "must be unique");
  }

  @Test
  void instanceWithUnknownServersOrNoNameIsRejected() {
    Map<String, String> e =
        errors(() -> inv.instances.create(new InstanceInput(" ", null, null, List.of(41L, 42L))));
    assertThat(e)
        .containsEntry("name", "is required")
        .containsEntry("servers", "2 unknown server ids: 41, 42");
    assertThat(rows("instances")).isZero();
  }

  private long rows(String table) {
    return Counts.rows(inv.jdbc, table);
  }

  private static Map<String, String> errors(Executable call) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, call::execute);
    assertThat(e).as("expected a validation error").isNotNull();
    return e.errors();
  }

  private static ServerInput server(
      String name, String host, String port, Long cred, String mode, String type, String fp) {
    return new ServerInput(
        name, host, port, null, cred, cred != null, mode, type, fp, List.of(), null);
  }
}
