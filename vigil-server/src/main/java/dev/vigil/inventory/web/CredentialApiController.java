package dev.vigil.inventory.web;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.inventory.CredentialInput;
import dev.vigil.inventory.CredentialService;
import dev.vigil.web.ApiController;
import dev.vigil.web.InvalidInputException;
import dev.vigil.web.JsonBody;
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

/** {@code /api/credentials}: CRUD of SSH credentials; a secret goes in and never comes back. */
@ApiController
class CredentialApiController {

  private static final String KEY = "credential";

  private final CredentialService credentials;
  private final CurrentUser currentUser;

  CredentialApiController(CredentialService credentials, CurrentUser currentUser) {
    this.credentials = credentials;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/credentials")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  Map<String, Object> list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<Map<String, Object>> items =
        credentials.list(q).stream().map(InventoryJson::credential).toList();
    return Map.of("credentials", items, "meta", Meta.of(q, items.size(), credentials.count(q)));
  }

  @GetMapping("/api/credentials/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  Map<String, Object> get(@PathVariable long id) {
    return Map.of(KEY, InventoryJson.credential(credentials.get(id)));
  }

  @PostMapping("/api/credentials")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body) {
    return InventoryJson.saved(
        KEY, InventoryJson.credential(credentials.create(input(body), user())));
  }

  @PutMapping("/api/credentials/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> update(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    credentials.get(id);
    return InventoryJson.saved(
        KEY, InventoryJson.credential(credentials.update(id, input(body), user())));
  }

  @DeleteMapping("/api/credentials/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    credentials.delete(id);
    return Map.of("success", true);
  }

  private String user() {
    return currentUser.current().map(UserRef::username).orElse(null);
  }

  static CredentialInput input(Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, KEY);
    CredentialInput in =
        new CredentialInput(
            json.string("name"),
            json.codeOrString("type"),
            json.string("username"),
            json.string("password"),
            json.string("privateKey"),
            json.string("passphrase"));
    Boolean enabled = json.bool("enabled");
    json.finish("Unable to save credential");
    if (Boolean.FALSE.equals(enabled)) {
      throw new InvalidInputException(
          "Unable to save credential",
          Map.of("enabled", "a Vigil credential is always enabled; remove it from its servers"));
    }
    return in;
  }
}
