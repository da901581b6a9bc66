package dev.vigil.web.packages;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.packages.PackageQuery;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.web.Paging;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Provisioning → Jobs → Security Packages: list, add, detail, edit, refresh, delete. */
@Controller
class PackagePageController {

  /** The sortable columns, the default first. */
  private static final java.util.List<String> SORTS = java.util.List.of("name", "id", "status");

  static final String BASE = "/provisioning/jobs/security-packages";

  private final PackageService packages;
  private final CurrentUser currentUser;

  PackagePageController(PackageService packages, CurrentUser currentUser) {
    this.packages = packages;
    this.currentUser = currentUser;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String list(
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String direction,
      Model model) {
    PackageQuery q =
        new PackageQuery(
            Paging.query(phrase, page, sort, direction, SORTS, model), List.of(), List.of());
    Paging.total(packages.count(q), model);
    model.addAttribute("packages", packages.list(q));
    return "packages/list";
  }

  @GetMapping(BASE + "/new")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String newForm(Model model) {
    return form(model, PackageForm.empty(), null, Map.of());
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String create(PackageForm form, Model model, RedirectAttributes redirect) {
    try {
      String user = currentUser.current().map(UserRef::username).orElse(null);
      SecurityPackage p = packages.create(form.toInput(), user);
      redirect.addFlashAttribute(
          "notice", "Security package " + p.name() + " saved; fetching it now.");
      return "redirect:" + BASE + "/" + p.id();
    } catch (InvalidInputException e) {
      return form(model, form, null, e.errors());
    }
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String detail(@PathVariable long id, Model model) {
    SecurityPackage p = packages.get(id);
    model.addAttribute("pkg", p);
    model.addAttribute("current", packages.currentVersion(p).orElse(null));
    model.addAttribute("versions", packages.versions(id));
    model.addAttribute("checklists", packages.checklists(id));
    model.addAttribute("files", packages.files(id));
    return "packages/detail";
  }

  @GetMapping(BASE + "/{id}/edit")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String editForm(@PathVariable long id, Model model) {
    SecurityPackage p = packages.get(id);
    return form(model, PackageForm.of(p), p, Map.of());
  }

  @PostMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String update(@PathVariable long id, PackageForm form, Model model, RedirectAttributes redirect) {
    SecurityPackage existing = packages.get(id);
    try {
      packages.update(id, form.toInput());
      redirect.addFlashAttribute("notice", "Security package saved.");
      return "redirect:" + BASE + "/" + id;
    } catch (InvalidInputException e) {
      return form(model, form, existing, e.errors());
    }
  }

  @PostMapping(BASE + "/{id}/refresh")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String refresh(@PathVariable long id, RedirectAttributes redirect) {
    try {
      packages.refresh(id);
      redirect.addFlashAttribute("notice", "Fetching the package again.");
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:" + BASE + "/" + id;
  }

  @PostMapping(BASE + "/{id}/delete")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    String name = packages.get(id).name();
    try {
      packages.delete(id);
      redirect.addFlashAttribute("notice", "Security package " + name + " deleted.");
      return "redirect:" + BASE;
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
      return "redirect:" + BASE + "/" + id;
    }
  }

  private static String form(
      Model model, PackageForm form, SecurityPackage existing, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("pkg", existing);
    model.addAttribute("errors", errors);
    return "packages/form";
  }
}
