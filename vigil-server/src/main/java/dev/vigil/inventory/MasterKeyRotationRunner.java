package dev.vigil.inventory;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code --vigil.inventory.rotate-master-key=/path/new.key}: re-encrypts every secret with the key
 * in that file (created with a random key, mode 0600, when missing), replaces the data directory's
 * key file, and exits (0 on success, 1 on failure, nothing changed).
 */
@Component
class MasterKeyRotationRunner implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(MasterKeyRotationRunner.class);

  private final MasterKeyRotation rotation;
  private final InventorySettings settings;
  private final ConfigurableApplicationContext context;

  MasterKeyRotationRunner(
      MasterKeyRotation rotation,
      InventorySettings settings,
      ConfigurableApplicationContext context) {
    this.rotation = rotation;
    this.settings = settings;
    this.context = context;
  }

  @Override
  public void run(ApplicationArguments args) {
    Path newKeyFile = settings.rotateMasterKey();
    if (newKeyFile == null) {
      return;
    }
    int code = rotate(newKeyFile);
    System.exit(SpringApplication.exit(context, () -> code));
  }

  /** Does the rotation; returns the process exit code. */
  int rotate(Path newKeyFile) {
    MasterKey next;
    int n;
    try {
      next = MasterKey.fromFile(newKeyFile, true);
      n = rotation.reencrypt(next);
    } catch (RuntimeException e) {
      log.error("master key rotation failed, nothing changed: {}", e.getMessage());
      return 1;
    }
    log.info("{} secrets (credentials, webhooks) re-encrypted with master key {}", n, next.idHex());
    try {
      if (!rotation.replaceKeyFile(next)) {
        log.info("set VIGIL_MASTER_KEY to the content of {} before the next start", newKeyFile);
      }
      return 0;
    } catch (java.io.IOException | RuntimeException e) {
      log.error(
          "secrets now use the key in {}, but master.key could not be replaced ({}); copy it"
              + " there (mode 0600) before the next start",
          newKeyFile,
          e.getMessage());
      return 1;
    }
  }
}
