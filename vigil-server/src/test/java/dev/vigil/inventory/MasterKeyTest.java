package dev.vigil.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scanning.SshSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key: its file, its environment variable, a wrong key, and rotation. */
class MasterKeyTest {

  @TempDir Path dataDir;

  @Test
  void keyFileIsCreatedOnFirstStartWithMode0600AndReusedAfter() throws Exception {
    MasterKey first = MasterKey.load(null, dataDir);
    Path file = dataDir.resolve("master.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
    assertThat(MasterKey.load("", dataDir).idHex()).isEqualTo(first.idHex());
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void environmentKeyIsUsedWhenSetAndNoFileIsWritten() throws Exception {
    byte[] raw = new byte[32];
    raw[0] = 7;
    MasterKey key = MasterKey.load(Base64.getEncoder().encodeToString(raw), dataDir);
    assertThat(key.bytes()).isEqualTo(raw);
    assertThat(Files.exists(dataDir.resolve("master.key"))).isFalse();
    assertThatThrownBy(() -> MasterKey.load("c2hvcnQ=", dataDir))
        .hasMessageContaining("VIGIL_MASTER_KEY")
        .hasMessageContaining("32 bytes");
  }

  @Test
  void aDifferentKeyGivesAReadableErrorNamingBothKeys() {
    SecretCipher a = new SecretCipher(MasterKey.random());
    SecretCipher b = new SecretCipher(MasterKey.random());
    byte[] sealed = a.encrypt("x".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> b.decrypt(sealed))
        .isInstanceOf(SecretUnreadableException.class)
        .hasMessageContaining("encrypted with master key " + a.keyId())
        .hasMessageContaining(b.keyId());
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> a.decrypt(sealed)).hasMessageContaining("cannot be decrypted");
  }

  @Test
  void eachValueGetsItsOwnNonce() {
    SecretCipher c = new SecretCipher(MasterKey.random());
    byte[] plain = "same".getBytes(StandardCharsets.UTF_8);
    assertThat(c.encrypt(plain)).isNotEqualTo(c.encrypt(plain));
    assertThat(c.decrypt(c.encrypt(plain))).isEqualTo(plain);
  }

  @Test
  void rotationReencryptsEverySecretAndReplacesTheKeyFile() throws Exception {
    MasterKey old = MasterKey.load(null, dataDir);
    try (InventoryFixture inv = new InventoryFixture(old)) {
      Credential c = inv.password("pw", "ops", "rotate-me");
      Path newKeyFile = dataDir.resolve("new.key");
      MasterKeyRotation rotation =
          new MasterKeyRotation(inv.credentialRepository, inv.cipher, settings(), dataDir);
      int code = new MasterKeyRotationRunner(rotation, settings(), null).rotate(newKeyFile);
      assertThat(code).isZero();
      MasterKey next = MasterKey.fromFile(newKeyFile, false);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(newKeyFile)))
          .isEqualTo("rw-------");
      assertThat(MasterKey.load(null, dataDir).idHex()).isEqualTo(next.idHex());
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dataDir.resolve("master.key"))))
          .isEqualTo("rw-------");
      byte[] stored = inv.credentialRepository.secret(c.id());
      assertThatThrownBy(() -> inv.cipher.decrypt(stored))
          .isInstanceOf(SecretUnreadableException.class);
      StoredSecret s = StoredSecret.decode(new SecretCipher(next).decrypt(stored));
      assertThat(s.password()).isEqualTo("rotate-me");
    }
  }

  @Test
  void rotationWithTheWrongCurrentKeyChangesNothing() throws Exception {
    try (InventoryFixture inv = new InventoryFixture()) {
      Credential c = inv.password("pw", "ops", "keep-me");
      byte[] before = inv.credentialRepository.secret(c.id());
      MasterKeyRotation rotation =
          new MasterKeyRotation(
              inv.credentialRepository, new SecretCipher(MasterKey.random()), settings(), dataDir);
      int code =
          new MasterKeyRotationRunner(rotation, settings(), null)
              .rotate(dataDir.resolve("new.key"));
      assertThat(code).isEqualTo(1);
      assertThat(inv.credentialRepository.secret(c.id())).isEqualTo(before);
      assertThat(inv.credentials.secret(c.id())).isEqualTo(new SshSecret.Password("keep-me"));
    }
  }

  private static InventorySettings settings() {
    return new InventorySettings(null, null, Duration.ofSeconds(10), Duration.ofSeconds(15));
  }
}
