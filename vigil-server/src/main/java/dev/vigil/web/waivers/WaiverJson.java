package dev.vigil.web.waivers;

import dev.vigil.waivers.Waiver;
import dev.vigil.waivers.WaiverStep;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The request and response bodies of {@code /api/security-waivers}, typed. */
final class WaiverJson {

  private WaiverJson() {}

  /** ISO-8601 UTC, as every other date of the API. */
  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  /** {@code {"securityWaiver": {...}}} of a request. */
  @Schema(name = "WaiverRequestBody")
  record RequestBody(WaiverRequest securityWaiver) {}

  /**
   * A waiver request: {@code expiresAt} is an ISO-8601 instant (kept as text so a wrong one is a
   * 400 naming the field).
   */
  @Schema(name = "WaiverRequest")
  record WaiverRequest(
      String name,
      String reason,
      String ticket,
      String expiresAt,
      List<String> ruleIds,
      ScopeRequest scope,
      String benchmarkId,
      String profileId) {}

  /** {@code {"type": "server", "id": 12}} or {@code {"type": "server-label", "label": "web"}}. */
  @Schema(name = "WaiverScopeRequest")
  record ScopeRequest(String type, Long id, String label) {}

  /** {@code {"reason": "..."}} of approve, reject and revoke. */
  @Schema(name = "WaiverStepBody")
  record StepBody(String reason) {}

  /** {@code {"success": true, "securityWaiver": {...}}}. */
  @Schema(name = "WaiverSaved")
  record Saved(boolean success, SecurityWaiver securityWaiver) {}

  /** {@code {"securityWaiver": {...}}}. */
  @Schema(name = "WaiverOne")
  record One(SecurityWaiver securityWaiver) {}

  /** {@code {"securityWaivers": [...], "meta": {...}}}. */
  @Schema(name = "WaiverPage")
  record Page(List<SecurityWaiver> securityWaivers, Meta meta) {}

  @Schema(name = "SecurityWaiver")
  record SecurityWaiver(
      long id,
      String name,
      String reason,
      String ticket,
      String status,
      String expiresAt,
      List<String> ruleIds,
      Scope scope,
      String benchmarkId,
      String profileId,
      UserName requestedBy,
      String dateCreated,
      String lastUpdated,
      List<Step> history) {

    static SecurityWaiver of(Waiver w, Instant now) {
      return new SecurityWaiver(
          w.id(),
          w.name(),
          w.reason(),
          w.ticket(),
          w.status(now).code(),
          time(w.expiresAt()),
          w.ruleIds(),
          new Scope(w.scope().type().code(), w.scope().id(), w.scope().label(), w.scope().name()),
          w.benchmarkId(),
          w.profileId(),
          new UserName(w.requestedById(), w.requestedBy()),
          time(w.createdAt()),
          time(w.updatedAt()),
          w.history(now).stream().map(Step::of).toList());
    }
  }

  /** The scope as stored; {@code name} is the server's, instance's or job's current name. */
  @Schema(name = "WaiverScope")
  record Scope(String type, Long id, String label, String name) {}

  @Schema(name = "WaiverUserName")
  record UserName(Long id, String username) {}

  /** One step of the history; {@code user} is null for an expiry. */
  @Schema(name = "WaiverStep")
  record Step(String action, UserName user, String date, String reason) {
    static Step of(WaiverStep s) {
      return new Step(
          s.action(),
          s.userId() == null ? null : new UserName(s.userId(), s.username()),
          time(s.at()),
          s.reason());
    }
  }
}
