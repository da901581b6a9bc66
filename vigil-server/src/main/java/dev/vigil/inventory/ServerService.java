package dev.vigil.inventory;

import dev.vigil.scanning.SshTarget;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Servers: create, change, delete, read; and the calls the scan engine makes: the SSH target of a
 * server (with its decrypted secret) and the host key pinning around a connection.
 */
@Service
public class ServerService {

  private final ServerRepository servers;
  private final CredentialRepository credentials;
  private final CredentialService credentialService;
  private final HostKeyPins pins;
  private final Clock clock;

  ServerService(
      ServerRepository servers,
      CredentialRepository credentials,
      CredentialService credentialService,
      HostKeyPins pins,
      Clock clock) {
    this.servers = servers;
    this.credentials = credentials;
    this.credentialService = credentialService;
    this.pins = pins;
    this.clock = clock;
  }

  /** Validates and saves a new server; a given host key fingerprint is pinned as expected. */
  @Transactional
  public Server create(ServerInput in) {
    boolean taken = in.name() != null && servers.nameTaken(in.name().trim(), null);
    ServerValidator.Fields f =
        ServerValidator.validate(in, null, taken, id -> credentials.find(id).isPresent());
    String hostKey = Fields.blankToNull(in.hostKeyFingerprint());
    long id =
        servers.insert(
            f,
            hostKey,
            Fields.blankToNull(in.description()),
            Fields.cleanLabels(in.labels()),
            clock.instant());
    return get(id);
  }

  /**
   * Changes a server. A new {@code hostKeyFingerprint} pins that key as expected; an empty one
   * forgets the pin (trust on next first use).
   */
  @Transactional
  public Server update(long id, ServerInput in) {
    Server c = lock(id);
    boolean taken = in.name() != null && servers.nameTaken(in.name().trim(), id);
    ServerValidator.Fields f =
        ServerValidator.validate(in, c, taken, cid -> credentials.find(cid).isPresent());
    servers.update(edited(c, f, in));
    return get(id);
  }

  /** Deletes a server; it leaves every instance it was a member of. */
  @Transactional
  public void delete(long id) {
    lock(id);
    servers.delete(id);
  }

  /** The server, or 404. */
  public Server get(long id) {
    return servers.find(id).orElseThrow(() -> new NotFoundException("Server", id));
  }

  public List<Server> list(ListQuery q) {
    return servers.list(q);
  }

  public long count(ListQuery q) {
    return servers.count(q);
  }

  /** A page of the servers matching the query among {@code only} (all when null). */
  public List<Server> list(ListQuery q, Collection<Long> only) {
    return servers.list(q, only);
  }

  /** How many servers match the query among {@code only} (all when null). */
  public long count(ListQuery q, Collection<Long> only) {
    return servers.count(q, only);
  }

  /**
   * Where and how to log in to an SSH server, with the credential decrypted and the pinned host key
   * (null = trust on first use: the key is pinned at the first login, whatever the connection does
   * next); username is the server's, else the credential's.
   */
  @Transactional(readOnly = true)
  public SshTarget sshTarget(long serverId) {
    Server s = get(serverId);
    if (!s.ssh() || s.credentialId() == null) {
      throw new ConflictException("Server " + s.name() + " is not reached over SSH");
    }
    Credential c = credentialService.get(s.credentialId());
    String user = s.sshUsername() != null ? s.sshUsername() : c.username();
    return new SshTarget(
            s.sshHost(),
            s.sshPort(),
            user,
            credentialService.secret(c.id()),
            s.hostKeyFingerprint())
        .withFirstUsePin(presented -> pins.pin(serverId, presented));
  }

  /** Pins {@code fingerprint} after a first successful connection; no-op if one is pinned. */
  public void pinHostKey(long serverId, String fingerprint) {
    pins.pin(serverId, fingerprint);
  }

  /** Remembers the key a server presented that differs from the pinned one, for acceptance. */
  @Transactional
  public void recordHostKeyMismatch(long serverId, String seen) {
    Server s = lock(serverId);
    s.requireMismatch(seen);
    servers.setPendingHostKey(serverId, seen);
  }

  /** Pins the pending key (an operator accepted it); 400 when there is none. */
  @Transactional
  public Server acceptPendingHostKey(long serverId) {
    Server s = lock(serverId);
    String pending = s.pendingHostKey();
    if (pending == null) {
      throw new ConflictException("server " + s.name() + " has no new host key to accept");
    }
    servers.update(withHostKey(s, pending));
    return get(serverId);
  }

  /** Stores a connection test's outcome as the server's last test. */
  @Transactional
  public void recordConnectionTest(long serverId, LastTest test) {
    lock(serverId);
    servers.recordTest(serverId, test);
  }

  /**
   * Stores the OS a successful scan found on the server (its os-release name, at most 255
   * characters) as the server's OS; the next connection test overwrites it with its own finding.
   */
  public void recordScannedOs(long serverId, @Nullable String os) {
    if (os != null && !os.isBlank()) {
      String v = os.strip();
      servers.recordOs(serverId, v.length() > 255 ? v.substring(0, 255) : v);
    }
  }

  /** The server's OS as its last connection test or scan found it; null when never found. */
  public @Nullable String osName(long serverId) {
    return servers.osName(serverId).orElse(null);
  }

  /** The ids of the servers carrying exactly {@code label}, ascending (a label target). */
  public List<Long> idsWithLabel(String label) {
    return servers.idsWithLabel(label);
  }

  /** The servers with these ids (missing ids are left out), by name. */
  /** The names of those of these servers that exist, by id, in one query whatever their number. */
  public Map<Long, String> namesByIds(Collection<Long> ids) {
    return servers.names(ids);
  }

  /** Which of these server ids exist, in one query whatever their number. */
  public Set<Long> existingIds(Collection<Long> ids) {
    return servers.existing(ids);
  }

  public List<Server> byIds(List<Long> ids) {
    return servers.byIds(ids);
  }

  private Server edited(Server c, ServerValidator.Fields f, ServerInput in) {
    String fp = c.hostKeyFingerprint();
    boolean expected = c.hostKeyExpected();
    String pending = c.pendingHostKey();
    if (in.hostKeyFingerprint() != null) {
      fp = Fields.blankToNull(in.hostKeyFingerprint());
      expected = fp != null;
      pending = null;
    }
    return new Server(
        c.id(),
        f.name(),
        f.sshHost(),
        f.sshPort(),
        f.sshUsername(),
        f.credentialId(),
        null,
        f.privilegeMode(),
        f.connectionType(),
        fp,
        expected,
        pending,
        in.description() == null ? c.description() : Fields.blankToNull(in.description()),
        in.labels() == null ? c.labels() : Fields.cleanLabels(in.labels()),
        c.lastTest(),
        c.createdAt(),
        clock.instant());
  }

  private static Server withHostKey(Server s, @Nullable String fp) {
    return new Server(
        s.id(),
        s.name(),
        s.sshHost(),
        s.sshPort(),
        s.sshUsername(),
        s.credentialId(),
        s.credentialName(),
        s.privilegeMode(),
        s.connectionType(),
        fp,
        false,
        null,
        s.description(),
        s.labels(),
        s.lastTest(),
        s.createdAt(),
        s.updatedAt());
  }

  private Server lock(long id) {
    return servers.findForUpdate(id).orElseThrow(() -> new NotFoundException("Server", id));
  }
}
