package dev.vigil.inventory.web;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.inventory.InstanceInput;
import dev.vigil.inventory.InstanceService;
import dev.vigil.web.ApiController;
import dev.vigil.web.JsonBody;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
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

  private static final String KEY = "instance";

  private final InstanceService instances;

  InstanceApiController(InstanceService instances) {
    this.instances = instances;
  }

  @GetMapping("/api/instances")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  Map<String, Object> list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<Map<String, Object>> items =
        instances.list(q).stream().map(InventoryJson::instance).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instances", items);
    m.put("stats", Map.of());
    m.put("meta", Meta.of(q, items.size(), instances.count(q)));
    return m;
  }

  @GetMapping("/api/instances/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  Map<String, Object> get(@PathVariable long id) {
    return Map.of(KEY, InventoryJson.instance(instances.get(id)));
  }

  @PostMapping("/api/instances")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body) {
    return InventoryJson.saved(KEY, InventoryJson.instance(instances.create(input(body))));
  }

  @PutMapping("/api/instances/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> update(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    instances.get(id);
    return InventoryJson.saved(KEY, InventoryJson.instance(instances.update(id, input(body))));
  }

  @DeleteMapping("/api/instances/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    instances.delete(id);
    return Map.of("success", true);
  }

  static InstanceInput input(Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, KEY);
    List<Long> servers = Refs.ids(Refs.inner(body, KEY).get("servers"), "servers");
    InstanceInput in =
        new InstanceInput(
            json.string("name"), json.string("description"), json.strings("labels"), servers);
    json.finish("Unable to save instance");
    return in;
  }
}
