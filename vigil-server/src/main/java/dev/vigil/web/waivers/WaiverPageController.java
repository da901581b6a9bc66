package dev.vigil.web.waivers;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.waivers.NewWaiver;
import dev.vigil.waivers.Waiver;
import dev.vigil.waivers.WaiverScopeType;
import dev.vigil.waivers.WaiverService;
import dev.vigil.waivers.WaiverStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Provisioning → Compliance → Waivers: the list (filter by status), the request form, and one
 * waiver with its history and the approve, reject and revoke buttons its reader's level allows.
 */
@Controller
class WaiverPageController {

  static final String BASE = "/compliance/waivers";

  private final WaiverService waivers;
  private final CurrentUser currentUser;

  WaiverPageController(WaiverService waivers, CurrentUser currentUser) {
    this.waivers = waivers;
    this.currentUser = currentUser;
  }

  /** The form's fields as typed, so a refused request shows them again. */
  record Form(
      String name,
      String reason,
      String ticket,
      String expiresOn,
      String ruleIds,
      String scopeType,
      String scopeId,
      String scopeLabel,
      String benchmarkId,
      String profileId) {}

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.READ)
  String list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String phrase,
      HttpServletResponse response,
      Model model) {
    WaiverStatus s = null;
    if (status != null && !status.isBlank()) {
      s = WaiverStatus.ofCode(status);
      if (s == null) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("problem", "Unknown status '" + status + "'");
      }
    }
    Instant now = waivers.now();
    model.addAttribute("waivers", waivers.list(s, null, null, phrase));
    model.addAttribute("now", now);
    model.addAttribute("statuses", WaiverStatus.values());
    model.addAttribute("status", s == null ? "" : s.code());
    model.addAttribute("phrase", phrase == null ? "" : phrase);
    return "waivers/list";
  }

  @GetMapping(BASE + "/new")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.REQUEST)
  String newForm(
      @RequestParam(required = false) Long serverId,
      @RequestParam(required = false) String ruleId,
      Model model) {
    String expires = LocalDate.ofInstant(waivers.now(), ZoneOffset.UTC).plusDays(90).toString();
    return form(
        model,
        new Form(
            "",
            "",
            "",
            expires,
            ruleId == null ? "" : ruleId,
            "server",
            serverId == null ? "" : serverId.toString(),
            "",
            "",
            ""),
        Map.of());
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.REQUEST)
  String create(Form f, Model model, HttpServletResponse response, RedirectAttributes redirect) {
    try {
      Waiver w = waivers.request(toNew(f), currentUser.require());
      redirect.addFlashAttribute("notice", "Waiver requested; another user approves it.");
      return "redirect:" + BASE + "/" + w.id();
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return form(model, f, e.errors());
    }
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.READ)
  String detail(@PathVariable long id, Model model) {
    Waiver w = waivers.get(id);
    Instant now = waivers.now();
    model.addAttribute("waiver", w);
    model.addAttribute("status", w.status(now));
    model.addAttribute("history", w.history(now));
    model.addAttribute(
        "ownRequest", currentUser.current().map(u -> u.id() == w.requestedById()).orElse(false));
    return "waivers/detail";
  }

  @PostMapping(BASE + "/{id}/approve")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.APPROVE)
  String approve(
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      RedirectAttributes redirect) {
    return step(id, redirect, "approved", () -> waivers.approve(id, reason, currentUser.require()));
  }

  @PostMapping(BASE + "/{id}/reject")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.APPROVE)
  String reject(
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      RedirectAttributes redirect) {
    return step(id, redirect, "rejected", () -> waivers.reject(id, reason, currentUser.require()));
  }

  @PostMapping(BASE + "/{id}/revoke")
  @RequiresPermission(value = Permission.SECURITY_WAIVERS, level = Level.APPROVE)
  String revoke(
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      RedirectAttributes redirect) {
    return step(id, redirect, "revoked", () -> waivers.revoke(id, reason, currentUser.require()));
  }

  private String step(
      long id, RedirectAttributes redirect, String done, java.util.function.Supplier<Waiver> s) {
    waivers.get(id);
    try {
      s.get();
      redirect.addFlashAttribute("notice", "Waiver " + done + ".");
    } catch (InvalidInputException | ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:" + BASE + "/" + id;
  }

  private String form(Model model, Form f, Map<String, String> errors) {
    model.addAttribute("form", f);
    model.addAttribute("errors", errors);
    model.addAttribute("scopeTypes", WaiverScopeType.values());
    model.addAttribute("maxDays", waivers.settings().maxDuration().toDays());
    return "waivers/form";
  }

  /** The form's text as a request; an unreadable date or id is a field error. */
  private static NewWaiver toNew(Form f) {
    Map<String, String> errors = new LinkedHashMap<>();
    Instant expires = null;
    if (f.expiresOn() != null && !f.expiresOn().isBlank()) {
      try {
        expires = LocalDate.parse(f.expiresOn().trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        errors.put("expiresAt", "expiry must be a date such as 2027-03-01");
      }
    }
    Long scopeId = null;
    if (f.scopeId() != null && !f.scopeId().isBlank()) {
      try {
        scopeId = Long.parseLong(f.scopeId().trim());
      } catch (NumberFormatException e) {
        errors.put("scope.id", "scope id must be a number");
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Unable to save waiver", errors);
    }
    List<String> rules =
        f.ruleIds() == null
            ? List.of()
            : Arrays.stream(f.ruleIds().split("[\\s,]+")).filter(r -> !r.isBlank()).toList();
    return new NewWaiver(
        f.name(),
        f.reason(),
        f.ticket(),
        expires,
        rules,
        WaiverScopeType.ofCode(f.scopeType()),
        scopeId,
        f.scopeLabel(),
        f.benchmarkId(),
        f.profileId());
  }
}
