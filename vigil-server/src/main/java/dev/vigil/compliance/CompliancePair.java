package dev.vigil.compliance;

/**
 * A (benchmark, profile) pair the fleet has scans of, with the titles its scans recorded (null when
 * none did).
 */
public record CompliancePair(
    String benchmarkId, String profileId, String benchmarkTitle, String profileTitle) {

  /** The benchmark's title, else its id. */
  public String benchmarkLabel() {
    return benchmarkTitle != null ? benchmarkTitle : benchmarkId;
  }

  /** The profile's title, else its id. */
  public String profileLabel() {
    return profileTitle != null ? profileTitle : profileId;
  }
}
