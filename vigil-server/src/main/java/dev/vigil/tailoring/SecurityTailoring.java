package dev.vigil.tailoring;

import dev.vigil.scap.tailoring.TailoredProfile;
import java.time.Instant;
import java.util.List;

/**
 * A tailoring of one checklist of a security package: a profile of it adapted to a policy, at its
 * current version. {@code problems} are what the last check against the package's current version
 * found (rules or values that no longer exist, a base profile gone), {@code checkedVersionId} the
 * package version it was checked against.
 */
public record SecurityTailoring(
    long id,
    String name,
    String description,
    long packageId,
    String scanPath,
    int versionNo,
    TailoredProfile profile,
    Long checkedVersionId,
    List<String> problems,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public SecurityTailoring {
    problems = List.copyOf(problems);
  }

  /** The profile the tailoring extends. */
  public String baseProfile() {
    return profile.extendsProfile();
  }

  /** The id of the tailored profile, what oscap is given as {@code --profile}. */
  public String profileId() {
    return profile.profileId();
  }
}
