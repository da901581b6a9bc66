package dev.vigil.web.waivers;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.waivers.NewWaiver;
import dev.vigil.waivers.Waiver;
import dev.vigil.waivers.WaiverScopeType;
import dev.vigil.waivers.WaiverService;
import dev.vigil.waivers.WaiverStatus;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.waivers.WaiverJson.Page;
import dev.vigil.web.waivers.WaiverJson.RequestBody;
import dev.vigil.web.waivers.WaiverJson.Saved;
import dev.vigil.web.waivers.WaiverJson.SecurityWaiver;
import dev.vigil.web.waivers.WaiverJson.StepBody;
import dev.vigil.web.waivers.WaiverJson.WaiverRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;

/**
 * {@code /api/security-waivers}: request (Security: Waivers request), list and show (read),
 * approve, reject and revoke (approve). Nothing deletes a waiver.
 */
@ApiController
class WaiverApiController {

  private static final String BASE = "/api/security-waivers";

  private final WaiverService waivers;
  private final CurrentUser currentUser;

  WaiverApiController(WaiverService waivers, CurrentUser currentUser) {
    this.waivers = waivers;
    this.currentUser = currentUser;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.READ)
  Page list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    ListQuery q = ListQuery.from(params);
    String statusText = ListQuery.text(params, "status");
    WaiverStatus status = null;
    if (statusText != null) {
      status = WaiverStatus.ofCode(statusText);
      if (status == null) {
        throw new InvalidInputException(
            "status",
            "status must be one of "
                + Arrays.stream(WaiverStatus.values())
                    .map(WaiverStatus::code)
                    .collect(Collectors.joining(", "))
                + ", got '"
                + statusText
                + "'");
      }
    }
    Long serverId = longParam(params, "serverId");
    List<Waiver> all = waivers.list(status, serverId, ListQuery.text(params, "ruleId"), q.phrase());
    Instant now = waivers.now();
    List<SecurityWaiver> page =
        all.stream().skip(q.offset()).limit(q.max()).map(w -> SecurityWaiver.of(w, now)).toList();
    return new Page(page, Meta.of(q, page.size(), all.size()));
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.READ)
  WaiverJson.One get(@PathVariable long id) {
    return new WaiverJson.One(SecurityWaiver.of(waivers.get(id), waivers.now()));
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.REQUEST)
  Saved create(
      @org.springframework.web.bind.annotation.RequestBody(required = false) RequestBody body) {
    if (body == null || body.securityWaiver() == null) {
      throw new InvalidInputException("securityWaiver", "securityWaiver is required");
    }
    Waiver w = waivers.request(toNew(body.securityWaiver()), currentUser.require());
    return new Saved(true, SecurityWaiver.of(w, waivers.now()));
  }

  @PutMapping(BASE + "/{id}/approve")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.APPROVE)
  Saved approve(
      @PathVariable long id,
      @org.springframework.web.bind.annotation.RequestBody(required = false) StepBody body) {
    return saved(waivers.approve(id, reason(body), currentUser.require()));
  }

  @PutMapping(BASE + "/{id}/reject")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.APPROVE)
  Saved reject(
      @PathVariable long id,
      @org.springframework.web.bind.annotation.RequestBody(required = false) StepBody body) {
    return saved(waivers.reject(id, reason(body), currentUser.require()));
  }

  @PutMapping(BASE + "/{id}/revoke")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.APPROVE)
  Saved revoke(
      @PathVariable long id,
      @org.springframework.web.bind.annotation.RequestBody(required = false) StepBody body) {
    return saved(waivers.revoke(id, reason(body), currentUser.require()));
  }

  private Saved saved(Waiver w) {
    return new Saved(true, SecurityWaiver.of(w, waivers.now()));
  }

  private static String reason(StepBody body) {
    return body == null ? null : body.reason();
  }

  /** The request's fields as the service checks them; a wrong type or expiry names its field. */
  static NewWaiver toNew(WaiverRequest r) {
    Instant expires = null;
    if (r.expiresAt() != null && !r.expiresAt().isBlank()) {
      try {
        expires = Instant.parse(r.expiresAt().trim());
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            "expiresAt",
            "expiresAt must be an ISO-8601 instant such as 2027-03-01T00:00:00Z, got '"
                + r.expiresAt()
                + "'");
      }
    }
    WaiverScopeType type = null;
    Long id = null;
    String label = null;
    if (r.scope() == null) {
      throw new InvalidInputException("scope", "scope is required");
    }
    if (r.scope().type() != null) {
      type = WaiverScopeType.ofCode(r.scope().type().trim());
      if (type == null) {
        throw new InvalidInputException(
            "scope.type",
            "scope.type must be one of "
                + WaiverScopeType.codes()
                + ", got '"
                + r.scope().type()
                + "'");
      }
    }
    id = r.scope().id();
    label = r.scope().label();
    return new NewWaiver(
        r.name(),
        r.reason(),
        r.ticket(),
        expires,
        r.ruleIds(),
        type,
        id,
        label,
        r.benchmarkId(),
        r.profileId());
  }

  private static Long longParam(Map<String, String[]> params, String key) {
    String v = ListQuery.text(params, key);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(key, key + " must be a number, got '" + v + "'");
    }
  }
}
