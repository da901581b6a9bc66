package dev.vigil.web.access;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.Role;
import dev.vigil.access.RoleAdminService;
import dev.vigil.access.RoleRequest;
import dev.vigil.access.RoleView;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import dev.vigil.web.access.AccessAnswers.RoleList;
import dev.vigil.web.access.AccessAnswers.RoleOne;
import dev.vigil.web.access.AccessAnswers.RoleSaved;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
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
  RoleList list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<Role> all = service.matching(q);
    List<RoleView> page = all.stream().skip(q.offset()).limit(q.max()).map(RoleView::of).toList();
    return new RoleList(page, Meta.of(q, page.size(), all.size()));
  }

  @GetMapping("/api/roles/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  RoleOne get(@PathVariable long id) {
    return new RoleOne(RoleView.of(service.get(id)));
  }

  @PostMapping("/api/roles")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  RoleSaved create(@Valid @RequestBody RoleRequest.Body body) {
    return new RoleSaved(true, RoleView.of(service.create(body.role())));
  }

  @PutMapping("/api/roles/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  RoleSaved update(@PathVariable long id, @Valid @RequestBody RoleRequest.Body body) {
    return new RoleSaved(true, RoleView.of(service.update(id, body.role())));
  }

  @DeleteMapping("/api/roles/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  Success delete(@PathVariable long id) {
    service.delete(id);
    return Success.OK;
  }
}
