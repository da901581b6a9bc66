package dev.vigil.access;

import dev.vigil.web.ApiController;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /api/roles}: list, get, create, update and delete roles (permission admin). */
@ApiController
class RoleApiController {

  private final RoleAdminService service;

  RoleApiController(RoleAdminService service) {
    this.service = service;
  }

  @GetMapping("/api/roles")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  Map<String, Object> list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<Role> all = service.matching(q);
    List<RoleView> page = all.stream().skip(q.offset()).limit(q.max()).map(RoleView::of).toList();
    return Map.of("roles", page, "meta", Meta.of(q, page.size(), all.size()));
  }

  @GetMapping("/api/roles/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  Map<String, Object> get(@PathVariable long id) {
    return Map.of("role", RoleView.of(service.get(id)));
  }

  @PostMapping("/api/roles")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  Map<String, Object> create(@RequestBody RoleRequest.Body body) {
    return Map.of("success", true, "role", RoleView.of(service.create(body.role())));
  }

  @PutMapping("/api/roles/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  Map<String, Object> update(@PathVariable long id, @RequestBody RoleRequest.Body body) {
    return Map.of("success", true, "role", RoleView.of(service.update(id, body.role())));
  }

  @DeleteMapping("/api/roles/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    service.delete(id);
    return Map.of("success", true);
  }
}
