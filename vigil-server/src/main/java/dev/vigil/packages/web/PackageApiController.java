package dev.vigil.packages.web;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.packages.PackageInput;
import dev.vigil.packages.PackageQuery;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.web.ApiController;
import dev.vigil.web.InvalidInputException;
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

/**
 * {@code /api/security-packages}: Morpheus-compatible CRUD plus refresh, versions and checklists.
 */
@ApiController
class PackageApiController {

  private static final String KEY = "securityPackage";

  private final PackageService packages;
  private final CurrentUser currentUser;

  PackageApiController(PackageService packages, CurrentUser currentUser) {
    this.packages = packages;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/security-packages")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    PackageQuery q =
        new PackageQuery(
            ListQuery.from(params),
            ListQuery.texts(params, "labels"),
            ListQuery.texts(params, "allLabels"));
    List<Map<String, Object>> items =
        packages.list(q).stream().map(p -> PackageJson.record(p, null)).toList();
    return Map.of(
        "securityPackages", items, "meta", Meta.of(q.list(), items.size(), packages.count(q)));
  }

  @GetMapping("/api/security-packages/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> get(@PathVariable long id) {
    return Map.of(KEY, full(packages.get(id)));
  }

  @PostMapping("/api/security-packages")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body) {
    PackageInput in = input(body);
    String user = currentUser.current().map(UserRef::username).orElse(null);
    return saved(packages.create(in, user));
  }

  @PutMapping("/api/security-packages/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> update(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    packages.get(id);
    return saved(packages.update(id, input(body)));
  }

  @DeleteMapping("/api/security-packages/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    packages.delete(id);
    return Map.of("success", true);
  }

  @PostMapping("/api/security-packages/{id}/refresh")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> refresh(@PathVariable long id) {
    return saved(packages.refresh(id));
  }

  @GetMapping("/api/security-packages/{id}/versions")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> versions(@PathVariable long id) {
    return Map.of("versions", packages.versions(id).stream().map(PackageJson::version).toList());
  }

  @GetMapping("/api/security-packages/{id}/checklists")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> checklists(@PathVariable long id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("checklists", PackageJson.checklists(packages.checklists(id)));
    m.put("files", packages.files(id).stream().map(PackageJson::file).toList());
    return m;
  }

  private Map<String, Object> full(SecurityPackage p) {
    return PackageJson.record(p, packages.currentVersion(p).orElse(null));
  }

  private Map<String, Object> saved(SecurityPackage p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", true);
    m.put(KEY, full(p));
    return m;
  }

  private static PackageInput input(Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, KEY);
    String type = json.codeOrString("type");
    if (type != null && !PackageTypes.CODE.equals(type)) {
      throw new InvalidInputException(
          "type", "unknown security package type '" + type + "'; the only type is scap-package");
    }
    PackageInput in =
        new PackageInput(
            json.string("name"),
            json.string("description"),
            json.string("url"),
            json.bool("enabled"),
            json.string("expectedSha256"),
            json.strings("labels"),
            json.bool("acceptInvalid"));
    json.finish("Unable to save security package");
    return in;
  }
}
