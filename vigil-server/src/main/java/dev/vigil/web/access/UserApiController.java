package dev.vigil.web.access;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserAdminService;
import dev.vigil.access.UserRequest;
import dev.vigil.access.UserView;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import dev.vigil.web.access.AccessAnswers.UserList;
import dev.vigil.web.access.AccessAnswers.UserOne;
import dev.vigil.web.access.AccessAnswers.UserSaved;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
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
  UserList list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<UserView> users = service.list(q);
    return new UserList(users, Meta.of(q, users.size(), service.total(q)));
  }

  @GetMapping("/api/users/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.READ)
  UserOne get(@PathVariable long id) {
    return new UserOne(service.get(id));
  }

  @PostMapping("/api/users")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  UserSaved create(@Valid @RequestBody UserRequest.Body body) {
    return new UserSaved(true, service.create(body.user()));
  }

  @PutMapping("/api/users/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  UserSaved update(@PathVariable long id, @Valid @RequestBody UserRequest.Body body) {
    return new UserSaved(true, service.update(id, body.user()));
  }

  @DeleteMapping("/api/users/{id}")
  @RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
  Success delete(@PathVariable long id) {
    service.delete(id);
    return Success.OK;
  }
}
