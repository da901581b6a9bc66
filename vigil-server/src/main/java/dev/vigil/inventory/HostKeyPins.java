package dev.vigil.inventory;

import dev.vigil.shared.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Trust on first use: pins a server's host key unless one is pinned, under the server's lock. */
@Component
class HostKeyPins {

  private final ServerRepository servers;

  HostKeyPins(ServerRepository servers) {
    this.servers = servers;
  }

  /** Pins {@code fingerprint} when the server has no key yet; returns the key pinned now. */
  @Transactional
  public String pin(long serverId, String fingerprint) {
    Server s =
        servers
            .findForUpdate(serverId)
            .orElseThrow(() -> new NotFoundException("Server", serverId));
    if (s.hostKeyFingerprint() != null) {
      return s.hostKeyFingerprint();
    }
    s.requireUnpinned(fingerprint);
    servers.pinIfUnpinned(serverId, fingerprint);
    return fingerprint;
  }
}
