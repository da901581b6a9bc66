package dev.vigil.inventory;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the inventory: where the master key comes from, and the connection test's limits.
 *
 * @param masterKey base64 of 32 bytes (from {@code VIGIL_MASTER_KEY}); empty = use the key file
 * @param rotateMasterKey when set, re-encrypt every secret with the key in this file and exit
 * @param connectTimeout longest wait to connect and log in during a connection test
 * @param commandTimeout longest wait for each command of a connection test
 */
@ConfigurationProperties("vigil.inventory")
public record InventorySettings(
    String masterKey,
    Path rotateMasterKey,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("15s") Duration commandTimeout) {

  public InventorySettings {
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
    commandTimeout = commandTimeout == null ? Duration.ofSeconds(15) : commandTimeout;
  }
}
