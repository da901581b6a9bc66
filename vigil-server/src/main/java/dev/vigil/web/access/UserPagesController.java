package dev.vigil.web.access;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.RoleAdminService;
import dev.vigil.access.UserAdminService;
import dev.vigil.access.UserForm;
import dev.vigil.access.UserView;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user administration pages: list with search, create, edit and delete. */
@Controller
class UserPagesController {

  private final UserAdminService users;
  private final RoleAdminService roles;

  UserPagesController(UserAdminService users, RoleAdminService roles) {
    this.users = users;
    this.roles = roles;
  }

  @GetMapping("/admin/users")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  String list(@RequestParam(required = false) String phrase, Model model) {
    String p = phrase == null || phrase.isBlank() ? null : phrase.trim();
    ListQuery q = new ListQuery(ListQuery.ALL, 0, p, null, "username", false);
    model.addAttribute("users", users.list(q));
    model.addAttribute("phrase", p == null ? "" : p);
    return "admin/users";
  }

  @GetMapping("/admin/users/new")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  String newForm(Model model) {
    return form(model, null, UserForm.empty(), Map.of());
  }

  @PostMapping("/admin/users")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  String create(
      @RequestParam MultiValueMap<String, String> params,
      Model model,
      RedirectAttributes redirect) {
    UserForm form = UserForm.from(params);
    try {
      UserView created = users.create(form.toRequest());
      redirect.addFlashAttribute("notice", "User " + created.username() + " created");
      return "redirect:/admin/users";
    } catch (InvalidInputException e) {
      return form(model, null, form, e.errors());
    }
  }

  @GetMapping("/admin/users/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  String edit(@PathVariable long id, Model model) {
    return form(model, id, UserForm.of(users.get(id)), Map.of());
  }

  @PostMapping("/admin/users/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  String update(
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> params,
      Model model,
      RedirectAttributes redirect) {
    users.get(id);
    UserForm form = UserForm.from(params);
    try {
      users.update(id, form.toRequest());
      redirect.addFlashAttribute("notice", "User " + form.username() + " saved");
      return "redirect:/admin/users";
    } catch (InvalidInputException e) {
      return form(model, id, form, e.errors());
    } catch (ConflictException e) {
      return form(model, id, form, Map.of("roles", e.getMessage()));
    }
  }

  @PostMapping("/admin/users/{id}/delete")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    try {
      users.delete(id);
      redirect.addFlashAttribute("notice", "User deleted");
    } catch (ConflictException e) {
      redirect.addFlashAttribute("failure", e.getMessage());
    }
    return "redirect:/admin/users";
  }

  private String form(Model model, Long id, UserForm form, Map<String, String> errors) {
    model.addAttribute("userId", id);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("roles", roles.all());
    return "admin/user-form";
  }
}
