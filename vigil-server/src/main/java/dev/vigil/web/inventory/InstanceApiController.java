package dev.vigil.web.inventory;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.inventory.InstanceService;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import dev.vigil.web.inventory.InventoryJson.InstanceBody;
import dev.vigil.web.inventory.InventoryJson.InstanceList;
import dev.vigil.web.inventory.InventoryJson.InstanceOne;
import dev.vigil.web.inventory.InventoryJson.InstanceRecord;
import dev.vigil.web.inventory.InventoryJson.InstanceSaved;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /api/instances}: Morpheus-shaped groups of servers, with CRUD. */
@ApiController
class InstanceApiController {

  private final InstanceService instances;

  InstanceApiController(InstanceService instances) {
    this.instances = instances;
  }

  @GetMapping("/api/instances")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  InstanceList list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<InstanceRecord> items = instances.list(q).stream().map(InventoryJson::instance).toList();
    return new InstanceList(items, Map.of(), Meta.of(q, items.size(), instances.count(q)));
  }

  @GetMapping("/api/instances/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  InstanceOne get(@PathVariable long id) {
    return new InstanceOne(InventoryJson.instance(instances.get(id)));
  }

  @PostMapping("/api/instances")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  InstanceSaved create(@RequestBody(required = false) InstanceBody body) {
    return new InstanceSaved(
        true, InventoryJson.instance(instances.create(InventoryJson.input(body))));
  }

  @PutMapping("/api/instances/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  InstanceSaved update(@PathVariable long id, @RequestBody(required = false) InstanceBody body) {
    instances.get(id);
    return new InstanceSaved(
        true, InventoryJson.instance(instances.update(id, InventoryJson.input(body))));
  }

  @DeleteMapping("/api/instances/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Success delete(@PathVariable long id) {
    instances.delete(id);
    return Success.OK;
  }
}
