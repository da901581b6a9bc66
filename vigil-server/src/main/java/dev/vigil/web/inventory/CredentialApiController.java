package dev.vigil.web.inventory;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.inventory.CredentialService;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import dev.vigil.web.inventory.InventoryJson.CredentialBody;
import dev.vigil.web.inventory.InventoryJson.CredentialList;
import dev.vigil.web.inventory.InventoryJson.CredentialOne;
import dev.vigil.web.inventory.InventoryJson.CredentialRecord;
import dev.vigil.web.inventory.InventoryJson.CredentialSaved;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /api/credentials}: CRUD of SSH credentials; a secret goes in and never comes back. */
@ApiController
class CredentialApiController {

  private final CredentialService credentials;
  private final CurrentUser currentUser;

  CredentialApiController(CredentialService credentials, CurrentUser currentUser) {
    this.credentials = credentials;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/credentials")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  CredentialList list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<CredentialRecord> items =
        credentials.list(q).stream().map(InventoryJson::credential).toList();
    return new CredentialList(items, Meta.of(q, items.size(), credentials.count(q)));
  }

  @GetMapping("/api/credentials/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  CredentialOne get(@PathVariable long id) {
    return new CredentialOne(InventoryJson.credential(credentials.get(id)));
  }

  @PostMapping("/api/credentials")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  CredentialSaved create(@RequestBody(required = false) CredentialBody body) {
    return new CredentialSaved(
        true, InventoryJson.credential(credentials.create(InventoryJson.input(body), user())));
  }

  @PutMapping("/api/credentials/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  CredentialSaved update(
      @PathVariable long id, @RequestBody(required = false) CredentialBody body) {
    credentials.get(id);
    return new CredentialSaved(
        true, InventoryJson.credential(credentials.update(id, InventoryJson.input(body), user())));
  }

  @DeleteMapping("/api/credentials/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Success delete(@PathVariable long id) {
    credentials.delete(id);
    return Success.OK;
  }

  private String user() {
    return currentUser.current().map(UserRef::username).orElse(null);
  }
}
