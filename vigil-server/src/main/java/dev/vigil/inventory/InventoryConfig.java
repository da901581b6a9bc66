package dev.vigil.inventory;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master key and the cipher that seals credential secrets with it. */
@Configuration
class InventoryConfig {

  @Bean
  MasterKey masterKey(InventorySettings settings, @Value("${vigil.data-dir:./data}") Path dataDir) {
    return MasterKey.load(settings.masterKey(), dataDir);
  }

  @Bean
  SecretCipher secretCipher(MasterKey masterKey) {
    return new SecretCipher(masterKey);
  }
}
