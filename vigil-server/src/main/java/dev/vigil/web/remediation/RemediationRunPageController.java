package dev.vigil.web.remediation;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.remediation.NewRemediationRun;
import dev.vigil.remediation.RemediationContent;
import dev.vigil.remediation.RemediationRunService;
import dev.vigil.remediation.RemediationRunView;
import dev.vigil.results.SecurityScan;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Remediation run pages: from a report's "Remediate failed rules" a form to choose the rules, the
 * dry run page (the script per server) with approve, reject and cancel, and the same page once it
 * ran with each server's output and before/after per rule.
 */
@Controller
class RemediationRunPageController {

  static final String BASE = "/remediation-runs";

  private final RemediationRunService runs;
  private final RemediationContent content;
  private final CurrentUser currentUser;

  RemediationRunPageController(
      RemediationRunService runs, RemediationContent content, CurrentUser currentUser) {
    this.runs = runs;
    this.content = content;
    this.currentUser = currentUser;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.READ)
  String list(Model model) {
    model.addAttribute("runs", runs.list(100, 0));
    return "remediation/list";
  }

  @GetMapping(BASE + "/new")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.RUN)
  String form(
      @RequestParam(required = false) Long scanId,
      @RequestParam(required = false) Long executionId,
      Model model) {
    if ((scanId == null) == (executionId == null)) {
      throw new ConflictException("choose a scan or an execution to remediate");
    }
    List<SecurityScan> scans =
        scanId != null ? content.ofScan(scanId) : content.executionScans(executionId);
    model.addAttribute("scanId", scanId);
    model.addAttribute("executionId", executionId);
    model.addAttribute("selection", content.failed(scans));
    return "remediation/new";
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.RUN)
  String create(
      @RequestParam(required = false) Long scanId,
      @RequestParam(required = false) Long executionId,
      @RequestParam(required = false) List<String> rules,
      @RequestParam(required = false) String reason,
      RedirectAttributes redirect) {
    String back =
        BASE + "/new?" + (scanId != null ? "scanId=" + scanId : "executionId=" + executionId);
    try {
      RemediationRunView v =
          runs.create(
              new NewRemediationRun(scanId, executionId, rules == null ? List.of() : rules, reason),
              currentUser.require());
      redirect.addFlashAttribute(
          "notice", "Dry run ready: nothing runs until another user approves.");
      return "redirect:" + BASE + "/" + v.run().id();
    } catch (InvalidInputException | ConflictException refused) {
      redirect.addFlashAttribute("problem", refused.getMessage());
      return "redirect:" + back;
    }
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.READ)
  String detail(@PathVariable long id, Model model) {
    model.addAttribute("view", runs.get(id));
    return "remediation/detail";
  }

  @PostMapping(BASE + "/{id}/approve")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.APPROVE)
  String approve(
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      RedirectAttributes redirect) {
    return act(
        id,
        redirect,
        "Approved: the run is queued.",
        () -> runs.approve(id, currentUser.require(), reason));
  }

  @PostMapping(BASE + "/{id}/reject")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.APPROVE)
  String reject(
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      RedirectAttributes redirect) {
    return act(id, redirect, "Rejected.", () -> runs.reject(id, currentUser.require(), reason));
  }

  @PostMapping(BASE + "/{id}/cancel")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.RUN)
  String cancel(
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      RedirectAttributes redirect) {
    return act(id, redirect, "Cancelled.", () -> runs.cancel(id, currentUser.require(), reason));
  }

  private static String act(long id, RedirectAttributes redirect, String done, Runnable action) {
    try {
      action.run();
      redirect.addFlashAttribute("notice", done);
    } catch (InvalidInputException | ConflictException refused) {
      redirect.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:" + BASE + "/" + id;
  }
}
