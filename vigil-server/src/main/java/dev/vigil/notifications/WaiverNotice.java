package dev.vigil.notifications;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of a waiver as notifications keep it: made from the waiver module's {@code
 * waivers.WaiverChanged} event and the waiver it names ({@code NotificationListeners}). {@code
 * requested} and {@code approved} are sent to webhooks as {@code waiver.requested} / {@code
 * waiver.approved}; an approved waiver is then watched and {@code waiver.expiring} sent once when
 * it comes within {@code vigil.webhooks.waiver-warning} (7 days) of its expiry; {@code rejected},
 * {@code revoked} and {@code expired} end the watch.
 *
 * @param step what happened
 * @param waiverId the waiver
 * @param name its name
 * @param reason the reason given for this step
 * @param ticket the ticket reference, or null
 * @param expiresAt when the waiver expires
 * @param ruleIds the rules it waives
 * @param scopeType {@code server}, {@code instance}, {@code server-label} or {@code job}
 * @param scopeId the scope's id (null for {@code server-label})
 * @param scopeLabel the label of a {@code server-label} scope, else null
 * @param benchmarkId the benchmark it names, or null for every benchmark
 * @param profileId the profile it names, or null for every profile
 * @param by who took the step (username)
 * @param at when
 */
public record WaiverNotice(
    Step step,
    long waiverId,
    String name,
    @Nullable String reason,
    @Nullable String ticket,
    Instant expiresAt,
    List<String> ruleIds,
    String scopeType,
    @Nullable Long scopeId,
    @Nullable String scopeLabel,
    @Nullable String benchmarkId,
    @Nullable String profileId,
    @Nullable String by,
    Instant at) {

  public WaiverNotice {
    ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
  }

  /** The steps of a waiver's life. */
  public enum Step {
    REQUESTED,
    APPROVED,
    REJECTED,
    REVOKED,
    EXPIRED;

    /** The waiver status after this step, e.g. {@code approved}. */
    public String status() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  Payloads.WaiverEvent payload() {
    return new Payloads.WaiverEvent(
        new Payloads.Waiver(
            waiverId,
            name,
            step.status(),
            reason,
            ticket,
            expiresAt == null ? null : expiresAt.toString(),
            ruleIds,
            new Payloads.Scope(scopeType, scopeId, scopeLabel),
            benchmarkId,
            profileId,
            by,
            at == null ? null : at.toString()));
  }
}
