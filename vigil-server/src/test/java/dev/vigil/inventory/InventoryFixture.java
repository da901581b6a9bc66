package dev.vigil.inventory;

import dev.vigil.scanning.ConnectionTester;
import dev.vigil.scanning.SshConnector;
import dev.vigil.testsupport.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The inventory wired by hand on a fresh H2 database with a random master key, without Spring, so
 * the tests do not depend on the security configuration.
 */
public final class InventoryFixture implements AutoCloseable {

  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  public final DataSource dataSource;
  public final JdbcClient jdbc;
  public final MasterKey masterKey;
  public final SecretCipher cipher;
  public final CredentialService credentials;
  public final ServerService servers;
  public final InstanceService instances;
  public final SshConnector connector = new SshConnector();
  public final ConnectionTests connectionTests;
  final CredentialRepository credentialRepository;

  public InventoryFixture() {
    this(MasterKey.random());
  }

  InventoryFixture(MasterKey key) {
    this(key, TestDatabases.h2());
  }

  /** The inventory on {@code dataSource} (already migrated). */
  public InventoryFixture(DataSource dataSource) {
    this(MasterKey.random(), dataSource);
  }

  InventoryFixture(MasterKey key, DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    masterKey = key;
    cipher = new SecretCipher(key);
    credentialRepository = new CredentialRepository(jdbc);
    ServerRepository serverRepository = new ServerRepository(jdbc);
    credentials = new CredentialService(credentialRepository, serverRepository, cipher, clock);
    servers =
        new ServerService(
            serverRepository,
            credentialRepository,
            credentials,
            new HostKeyPins(serverRepository),
            clock);
    instances = new InstanceService(new InstanceRepository(jdbc), serverRepository, clock);
    InventorySettings settings =
        new InventorySettings(null, null, Duration.ofSeconds(10), Duration.ofSeconds(15));
    connectionTests =
        new ConnectionTests(servers, new ConnectionTester(connector), settings, clock);
  }

  /** A password credential. */
  public Credential password(String name, String user, String password) {
    return credentials.create(
        new CredentialInput(name, "username-password", user, password, null, null), "tester");
  }

  /** A key credential. */
  public Credential key(String name, String user, String key, String passphrase) {
    return credentials.create(
        new CredentialInput(name, "username-keypair", user, null, key, passphrase), "tester");
  }

  /** An ssh server. */
  public Server ssh(String name, String host, int port, Credential c, String mode) {
    return servers.create(
        new ServerInput(
            name,
            host,
            Integer.toString(port),
            null,
            c.id(),
            true,
            mode,
            "ssh",
            null,
            List.of(),
            null));
  }

  @Override
  public void close() {
    connector.close();
  }
}
