package dev.vigil.web.inventory;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.inventory.Instance;
import dev.vigil.inventory.InstanceService;
import dev.vigil.inventory.ServerService;
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

/** Infrastructure → Instances: list, add, edit (members as checkboxes), delete. */
@Controller
class InstancePageController {

  /** The sortable columns, the default first. */
  private static final java.util.List<String> SORTS = java.util.List.of("name", "id");

  static final String BASE = "/infrastructure/instances";

  private final InstanceService instances;
  private final ServerService servers;

  InstancePageController(InstanceService instances, ServerService servers) {
    this.instances = instances;
    this.servers = servers;
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
    Paging.total(instances.count(q), model);
    model.addAttribute("instances", instances.list(q));
    return "infrastructure/instances";
  }

  @GetMapping(BASE + "/new")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String newForm(Model model) {
    return form(model, InstanceForm.empty(), null, Map.of());
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String create(InstanceForm form, Model model, RedirectAttributes redirect) {
    try {
      Instance i = instances.create(form.toInput());
      redirect.addFlashAttribute("notice", "Instance " + i.name() + " saved.");
      return "redirect:" + BASE;
    } catch (InvalidInputException e) {
      return form(model, form, null, e.errors());
    }
  }

  @GetMapping(BASE + "/{id}/edit")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String editForm(@PathVariable long id, Model model) {
    Instance i = instances.get(id);
    return form(model, InstanceForm.of(i), i, Map.of());
  }

  @PostMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String update(
      @PathVariable long id, InstanceForm form, Model model, RedirectAttributes redirect) {
    Instance existing = instances.get(id);
    try {
      instances.update(id, form.toInput());
      redirect.addFlashAttribute("notice", "Instance saved.");
      return "redirect:" + BASE;
    } catch (InvalidInputException e) {
      return form(model, form, existing, e.errors());
    }
  }

  @PostMapping(BASE + "/{id}/delete")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    String name = instances.get(id).name();
    instances.delete(id);
    redirect.addFlashAttribute("notice", "Instance " + name + " deleted.");
    return "redirect:" + BASE;
  }

  private String form(
      Model model, InstanceForm form, Instance existing, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("instance", existing);
    model.addAttribute("errors", errors);
    model.addAttribute(
        "allServers", servers.list(new ListQuery(ListQuery.ALL, 0, null, null, "name", false)));
    return "infrastructure/instance-form";
  }
}
