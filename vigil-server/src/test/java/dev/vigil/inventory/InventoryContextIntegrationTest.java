package dev.vigil.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scanning.ConnectionTester;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The application wires the inventory: settings, master key file, cipher and connection tester.
 * Runs with the (mock) web environment: the access feature's filter chains need {@code
 * HttpSecurity}, which only a web application context provides.
 */
@VigilSystemTestWithoutScheduler
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
    assertThat(Files.exists(Path.of(VigilSystemTest.DATA_DIR, "master.key"))).isTrue();
    assertThat(cipher.keyId()).hasSize(8);
  }
}
