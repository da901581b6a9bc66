package dev.vigil.compliance;

import dev.vigil.results.ComplianceStatus;
import java.util.List;

/**
 * A server's compliance: the worst of its profiles' statuses, and each profile's; for a deleted
 * server, only its recorded name ({@code deleted}, no profile).
 */
public record ComplianceServer(
    long serverId,
    String serverName,
    ComplianceStatus status,
    List<ComplianceProfile> profiles,
    boolean deleted) {

  public ComplianceServer {
    profiles = List.copyOf(profiles);
  }

  public ComplianceServer(
      long serverId, String serverName, ComplianceStatus status, List<ComplianceProfile> profiles) {
    this(serverId, serverName, status, profiles, false);
  }
}
