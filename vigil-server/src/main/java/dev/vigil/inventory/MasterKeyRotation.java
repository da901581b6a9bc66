package dev.vigil.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-encrypts every credential secret with a new master key in one transaction (all or nothing),
 * then, when the old key came from the data directory's key file, replaces that file.
 */
@Service
public class MasterKeyRotation {

  private final CredentialRepository credentials;
  private final SecretCipher current;
  private final InventorySettings settings;
  private final Path dataDir;
  private final @Nullable ObjectProvider<SealedSecrets> others;

  /** Credentials only (tests of the rotation itself). */
  MasterKeyRotation(
      CredentialRepository credentials,
      SecretCipher current,
      InventorySettings settings,
      Path dataDir) {
    this(credentials, current, settings, dataDir, null);
  }

  @Autowired
  MasterKeyRotation(
      CredentialRepository credentials,
      SecretCipher current,
      InventorySettings settings,
      @Value("${vigil.data-dir:./data}") Path dataDir,
      @Nullable ObjectProvider<SealedSecrets> others) {
    this.credentials = credentials;
    this.current = current;
    this.settings = settings;
    this.dataDir = dataDir;
    this.others = others;
  }

  /**
   * Re-encrypts every secret with {@code newKey} — credentials' and every other feature's {@link
   * SealedSecrets} (webhooks) — and returns how many.
   */
  @Transactional
  public int reencrypt(MasterKey newKey) {
    SecretCipher next = new SecretCipher(newKey);
    List<Long> ids = credentials.idsForUpdate();
    for (long id : ids) {
      byte[] plain = current.decrypt(credentials.secret(id));
      credentials.updateSecret(id, next.encrypt(plain));
    }
    int n = ids.size();
    List<SealedSecrets> all = others == null ? List.of() : others.orderedStream().toList();
    for (SealedSecrets other : all) {
      n += other.reseal(value -> next.encrypt(current.decrypt(value)));
    }
    return n;
  }

  /**
   * Writes {@code newKey} over the data directory's key file (mode 0600, atomic rename) when that
   * file is the key source; returns false when the key comes from {@code VIGIL_MASTER_KEY}.
   */
  public boolean replaceKeyFile(MasterKey newKey) throws IOException {
    if (settings.masterKey() != null && !settings.masterKey().isBlank()) {
      return false;
    }
    Path file = dataDir.resolve(MasterKey.FILE_NAME);
    Path tmp =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            ".master-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, newKey.encoded() + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return true;
  }
}
