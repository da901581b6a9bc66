package dev.vigil.results;

import java.util.List;

/** A server's compliance: the worst of its profiles' statuses, and each profile's. */
public record ComplianceServer(
    long serverId, String serverName, ComplianceStatus status, List<ComplianceProfile> profiles) {

  public ComplianceServer {
    profiles = List.copyOf(profiles);
  }
}
