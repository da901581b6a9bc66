package dev.vigil.web.results;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ScanComparison;
import dev.vigil.compliance.ScanDiff;
import dev.vigil.compliance.ScanDiffKind;
import dev.vigil.results.ResultService;
import dev.vigil.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages to pick a scan to compare with, and to read two scans' differences. */
@Controller
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class ComparePageController {

  private static final int CANDIDATES = 100;

  private final ScanComparison comparison;
  private final ResultService results;

  ComparePageController(ScanComparison comparison, ResultService results) {
    this.comparison = comparison;
    this.results = results;
  }

  /** The other scans of the server and benchmark to pick from; {@code other} goes to the diff. */
  @GetMapping("/security-scans/{id}/compare")
  String pick(@PathVariable long id, @RequestParam(required = false) Long other, Model model) {
    if (other != null) {
      return "redirect:/security-scans/" + id + "/compare/" + other;
    }
    model.addAttribute("scan", results.get(id));
    model.addAttribute("candidates", comparison.comparableWith(id, CANDIDATES));
    model.addAttribute("sincePrevious", comparison.sincePrevious(id).orElse(null));
    return "results/compare-pick";
  }

  @GetMapping("/security-scans/{id}/compare/{otherId}")
  String compare(
      @PathVariable long id,
      @PathVariable long otherId,
      @RequestParam(name = "change", required = false) List<String> change,
      Model model,
      HttpServletResponse response) {
    try {
      Set<ScanDiffKind> kinds = ScanCompareApiController.kinds(change);
      ScanDiff diff = comparison.compare(id, otherId);
      model.addAttribute("diff", diff);
      model.addAttribute("shown", diff.only(kinds));
      model.addAttribute("kinds", ScanDiffKind.values());
      model.addAttribute("selected", kinds);
      return "results/compare-page";
    } catch (InvalidInputException bad) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("status", 400);
      model.addAttribute("problemTitle", "Cannot compare");
      model.addAttribute("message", String.join(" ", bad.errors().values()));
      return "error/problem";
    }
  }
}
