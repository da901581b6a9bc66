package dev.vigil.inventory;

import dev.vigil.scanning.SshSecret;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credentials: create, change and delete them with their secret encrypted at rest; the secret is
 * never returned, only decrypted into an {@link SshSecret} when a connection is made.
 */
@Service
public class CredentialService {

  private final CredentialRepository credentials;
  private final ServerRepository servers;
  private final SecretCipher cipher;
  private final Clock clock;

  CredentialService(
      CredentialRepository credentials,
      ServerRepository servers,
      SecretCipher cipher,
      Clock clock) {
    this.credentials = credentials;
    this.servers = servers;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** Validates (reading a private key) and saves a new credential. */
  @Transactional
  public Credential create(CredentialInput in, String user) {
    boolean taken = in.name() != null && credentials.nameTaken(in.name().trim(), null);
    CredentialValidator.Checked ok = CredentialValidator.validate(in, null, null, taken);
    String name = in.name();
    String username = in.username();
    if (name == null || username == null) {
      throw new IllegalStateException("a validated new credential has no name or username");
    }
    Instant now = clock.instant();
    Credential draft =
        new Credential(
            0, name.trim(), ok.type(), username.trim(), ok.fingerprint(), user, now, now);
    return get(credentials.insert(draft, cipher.encrypt(ok.secret().encode())));
  }

  /** Changes a credential; secret fields left out keep the stored secret. */
  @Transactional
  public Credential update(long id, CredentialInput in, String user) {
    Credential current = lock(id);
    boolean taken = in.name() != null && credentials.nameTaken(in.name().trim(), id);
    StoredSecret stored;
    try {
      stored = stored(id);
    } catch (SecretUnreadableException e) {
      throw new ConflictException("Credential " + current.name() + ": " + e.getMessage());
    }
    CredentialValidator.Checked ok = CredentialValidator.validate(in, current, stored, taken);
    boolean secretChanged = !ok.secret().equals(stored);
    Credential changed =
        new Credential(
            id,
            in.name() == null ? current.name() : in.name().trim(),
            ok.type(),
            in.username() == null ? current.username() : in.username().trim(),
            ok.fingerprint(),
            user,
            current.createdAt(),
            clock.instant());
    credentials.update(changed, secretChanged ? cipher.encrypt(ok.secret().encode()) : null);
    return get(id);
  }

  /** Deletes a credential; refused (400 on the API) while a server uses it, naming the servers. */
  @Transactional
  public void delete(long id) {
    Credential current = lock(id);
    List<String> users = servers.namesUsingCredential(id);
    if (!users.isEmpty()) {
      throw new ConflictException(
          "Credential " + current.name() + " is in use by servers " + String.join(", ", users));
    }
    credentials.delete(id);
  }

  public Credential get(long id) {
    return credentials.find(id).orElseThrow(() -> new NotFoundException("Credential", id));
  }

  public List<Credential> list(ListQuery q) {
    return credentials.list(q);
  }

  public long count(ListQuery q) {
    return credentials.count(q);
  }

  /**
   * Decrypts the credential's secret for a login; call only when connecting.
   *
   * @throws SecretUnreadableException when the master key in use did not seal it
   */
  public SshSecret secret(long id) {
    get(id);
    StoredSecret s = stored(id);
    if (s.privateKey() != null) {
      return new SshSecret.PrivateKey(s.privateKey(), s.passphrase());
    }
    if (s.password() == null) {
      throw new SecretUnreadableException(
          "the stored secret of credential " + id + " has neither a private key nor a password");
    }
    return new SshSecret.Password(s.password());
  }

  private StoredSecret stored(long id) {
    return StoredSecret.decode(cipher.decrypt(credentials.secret(id)));
  }

  private Credential lock(long id) {
    return credentials.findForUpdate(id).orElseThrow(() -> new NotFoundException("Credential", id));
  }
}
