package dev.vigil.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scanning.ConnectionTester;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application wires the inventory: settings, master key file, cipher and connection tester.
 * Runs with the (mock) web environment: the access feature's filter chains need {@code
 * HttpSecurity}, which only a web application context provides.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:invctx;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "vigil.scheduler.enabled=false",
      "vigil.access.admin-password=inv-context-admin-pw",
      "vigil.data-dir=target/inventory-context-data",
      "vigil.inventory.master-key="
    })
class InventoryContextIntegrationTest {

  @Autowired ServerService servers;
  @Autowired ConnectionTests connectionTests;
  @Autowired ConnectionTester tester;
  @Autowired SecretCipher cipher;
  @Autowired InventorySettings settings;

  @Test
  void wiresTheInventoryAndCreatesTheMasterKeyFile() {
    assertThat(settings.connectTimeout()).hasSeconds(10);
    assertThat(settings.commandTimeout()).hasSeconds(15);
    assertThat(Files.exists(Path.of("target/inventory-context-data/master.key"))).isTrue();
    assertThat(cipher.keyId()).hasSize(8);
  }
}
