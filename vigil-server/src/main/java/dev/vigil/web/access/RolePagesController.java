package dev.vigil.web.access;

import dev.vigil.access.Grants;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.Role;
import dev.vigil.access.RoleAdminService;
import dev.vigil.access.RoleRequest;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The role administration pages: list, create, edit (one level per permission) and delete. */
@Controller
@RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
class RolePagesController {

  private final RoleAdminService roles;

  RolePagesController(RoleAdminService roles) {
    this.roles = roles;
  }

  @GetMapping("/admin/roles")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  String list(Model model) {
    model.addAttribute("roles", roles.all());
    model.addAttribute("permissions", Permission.values());
    return "admin/roles";
  }

  @GetMapping("/admin/roles/new")
  String newForm(Model model) {
    return form(model, null, new RoleRequest("", null, "", Grants.none().codes()), Map.of());
  }

  @PostMapping("/admin/roles")
  String create(
      @RequestParam MultiValueMap<String, String> params,
      Model model,
      RedirectAttributes redirect) {
    RoleRequest request = fromForm(params);
    try {
      Role created = roles.create(request);
      redirect.addFlashAttribute("notice", "Role " + created.name() + " created");
      return "redirect:/admin/roles";
    } catch (InvalidInputException e) {
      return form(model, null, request, e.errors());
    }
  }

  @GetMapping("/admin/roles/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  String edit(@PathVariable long id, Model model) {
    Role r = roles.get(id);
    model.addAttribute("role", r);
    var request = new RoleRequest(r.name(), null, r.description(), r.permissionCodes());
    return form(model, id, request, Map.of());
  }

  @PostMapping("/admin/roles/{id}")
  String update(
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> params,
      Model model,
      RedirectAttributes redirect) {
    model.addAttribute("role", roles.get(id));
    RoleRequest request = fromForm(params);
    try {
      roles.update(id, request);
      redirect.addFlashAttribute("notice", "Role " + request.name() + " saved");
      return "redirect:/admin/roles";
    } catch (InvalidInputException e) {
      return form(model, id, request, e.errors());
    }
  }

  @PostMapping("/admin/roles/{id}/delete")
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    try {
      roles.delete(id);
      redirect.addFlashAttribute("notice", "Role deleted");
    } catch (ConflictException e) {
      redirect.addFlashAttribute("failure", e.getMessage());
    }
    return "redirect:/admin/roles";
  }

  private static RoleRequest fromForm(MultiValueMap<String, String> params) {
    Map<String, String> levels = new LinkedHashMap<>();
    for (Permission p : Permission.values()) {
      String v = params.getFirst("perm-" + p.code());
      levels.put(p.code(), v == null ? "none" : v);
    }
    String name = params.getFirst("name");
    return new RoleRequest(name == null ? "" : name, null, params.getFirst("description"), levels);
  }

  private String form(Model model, Long id, RoleRequest form, Map<String, String> errors) {
    model.addAttribute("roleId", id);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("permissions", Permission.values());
    return "admin/role-form";
  }
}
