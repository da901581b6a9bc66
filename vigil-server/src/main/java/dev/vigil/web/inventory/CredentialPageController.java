package dev.vigil.web.inventory;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.inventory.Credential;
import dev.vigil.inventory.CredentialService;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.Paging;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Infrastructure → Credentials: list, add, edit (secrets write-only), delete. */
@Controller
class CredentialPageController {

  /** The sortable columns, the default first. */
  private static final java.util.List<String> SORTS = java.util.List.of("name", "lastUpdated");

  static final String BASE = "/infrastructure/credentials";

  private final CredentialService credentials;
  private final CurrentUser currentUser;

  CredentialPageController(CredentialService credentials, CurrentUser currentUser) {
    this.credentials = credentials;
    this.currentUser = currentUser;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  String list(
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String direction,
      Model model) {
    ListQuery q = Paging.query(phrase, page, sort, direction, SORTS, model);
    Paging.total(credentials.count(q), model);
    model.addAttribute("credentials", credentials.list(q));
    return "infrastructure/credentials";
  }

  @GetMapping(BASE + "/new")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String newForm(Model model) {
    return form(model, CredentialForm.empty(), null, Map.of());
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String create(CredentialForm form, Model model, RedirectAttributes redirect) {
    try {
      Credential c = credentials.create(form.toInput(), user());
      redirect.addFlashAttribute("notice", "Credential " + c.name() + " saved.");
      return "redirect:" + BASE;
    } catch (InvalidInputException e) {
      return form(model, form.withoutSecrets(), null, e.errors());
    }
  }

  @GetMapping(BASE + "/{id}/edit")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String editForm(@PathVariable long id, Model model) {
    Credential c = credentials.get(id);
    return form(model, CredentialForm.of(c), c, Map.of());
  }

  @PostMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String update(
      @PathVariable long id, CredentialForm form, Model model, RedirectAttributes redirect) {
    Credential existing = credentials.get(id);
    try {
      credentials.update(id, form.toInput(), user());
      redirect.addFlashAttribute("notice", "Credential saved.");
      return "redirect:" + BASE;
    } catch (InvalidInputException e) {
      return form(model, form.withoutSecrets(), existing, e.errors());
    }
  }

  @PostMapping(BASE + "/{id}/delete")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    String name = credentials.get(id).name();
    try {
      credentials.delete(id);
      redirect.addFlashAttribute("notice", "Credential " + name + " deleted.");
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:" + BASE;
  }

  private String user() {
    return currentUser.current().map(UserRef::username).orElse(null);
  }

  private static String form(
      Model model, CredentialForm form, Credential existing, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("credential", existing);
    model.addAttribute("errors", errors);
    return "infrastructure/credential-form";
  }
}
