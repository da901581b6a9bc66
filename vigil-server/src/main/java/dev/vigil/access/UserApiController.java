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

/** {@code /api/users}: list, get, create, update and delete users (permission admin). */
@ApiController
class UserApiController {

  private final UserAdminService service;

  UserApiController(UserAdminService service) {
    this.service = service;
  }

  @GetMapping("/api/users")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  Map<String, Object> list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<UserView> users = service.list(q);
    return Map.of("users", users, "meta", Meta.of(q, users.size(), service.total(q)));
  }

  @GetMapping("/api/users/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  Map<String, Object> get(@PathVariable long id) {
    return Map.of("user", service.get(id));
  }

  @PostMapping("/api/users")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  Map<String, Object> create(@RequestBody UserRequest.Body body) {
    return Map.of("success", true, "user", service.create(body.user()));
  }

  @PutMapping("/api/users/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  Map<String, Object> update(@PathVariable long id, @RequestBody UserRequest.Body body) {
    return Map.of("success", true, "user", service.update(id, body.user()));
  }

  @DeleteMapping("/api/users/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    service.delete(id);
    return Map.of("success", true);
  }
}
