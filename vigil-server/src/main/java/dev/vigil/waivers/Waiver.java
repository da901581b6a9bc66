package dev.vigil.waivers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An accepted failure of some rules on a scope until an expiry. {@code storedStatus} is what was
 * last decided; {@link #status(Instant)} is what counts at a given time (requested and approved
 * waivers are expired once {@code expiresAt} has passed).
 */
public record Waiver(
    long id,
    String name,
    String reason,
    @Nullable String ticket,
    WaiverScope scope,
    @Nullable String benchmarkId,
    @Nullable String profileId,
    List<String> ruleIds,
    WaiverStatus storedStatus,
    Instant expiresAt,
    long requestedById,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt,
    List<WaiverStep> steps) {

  public Waiver {
    ruleIds = List.copyOf(ruleIds);
    steps = List.copyOf(steps);
  }

  public WaiverStatus status(Instant now) {
    boolean open = storedStatus == WaiverStatus.REQUESTED || storedStatus == WaiverStatus.APPROVED;
    return open && !now.isBefore(expiresAt) ? WaiverStatus.EXPIRED : storedStatus;
  }

  /** True when the waiver counts at {@code now}: approved and not yet expired. */
  public boolean active(Instant now) {
    return status(now) == WaiverStatus.APPROVED;
  }

  /** The recorded steps, oldest first, and the expiry once passed on an open waiver. */
  public List<WaiverStep> history(Instant now) {
    List<WaiverStep> out = new ArrayList<>(steps);
    if (status(now) == WaiverStatus.EXPIRED) {
      out.add(new WaiverStep("expired", null, null, expiresAt, null));
    }
    return out;
  }
}
