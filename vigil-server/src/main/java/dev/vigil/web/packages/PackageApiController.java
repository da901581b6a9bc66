package dev.vigil.web.packages;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.packages.PackageInput;
import dev.vigil.packages.PackageQuery;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import dev.vigil.web.packages.PackageJson.ChecklistList;
import dev.vigil.web.packages.PackageJson.PackageBody;
import dev.vigil.web.packages.PackageJson.PackageList;
import dev.vigil.web.packages.PackageJson.PackageOne;
import dev.vigil.web.packages.PackageJson.PackageRecord;
import dev.vigil.web.packages.PackageJson.PackageSaved;
import dev.vigil.web.packages.PackageJson.VersionList;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
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

  private final PackageService packages;
  private final CurrentUser currentUser;

  PackageApiController(PackageService packages, CurrentUser currentUser) {
    this.packages = packages;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/security-packages")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  PackageList list(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    PackageQuery q =
        new PackageQuery(
            ListQuery.from(params),
            ListQuery.texts(params, "labels"),
            ListQuery.texts(params, "allLabels"));
    List<PackageRecord> items =
        packages.list(q).stream().map(p -> PackageJson.record(p, null)).toList();
    return new PackageList(items, Meta.of(q.list(), items.size(), packages.count(q)));
  }

  @GetMapping("/api/security-packages/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  PackageOne get(@PathVariable long id) {
    return new PackageOne(full(packages.get(id)));
  }

  @PostMapping("/api/security-packages")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  PackageSaved create(@Valid @RequestBody(required = false) PackageBody body) {
    PackageInput in = PackageJson.input(body);
    String user = currentUser.current().map(UserRef::username).orElse(null);
    return saved(packages.create(in, user));
  }

  @PutMapping("/api/security-packages/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  PackageSaved update(
      @PathVariable long id, @Valid @RequestBody(required = false) PackageBody body) {
    packages.get(id);
    return saved(packages.update(id, PackageJson.input(body)));
  }

  @DeleteMapping("/api/security-packages/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Success delete(@PathVariable long id) {
    packages.delete(id);
    return Success.OK;
  }

  @PostMapping("/api/security-packages/{id}/refresh")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  PackageSaved refresh(@PathVariable long id) {
    return saved(packages.refresh(id));
  }

  @GetMapping("/api/security-packages/{id}/versions")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  VersionList versions(@PathVariable long id) {
    return new VersionList(packages.versions(id).stream().map(PackageJson::version).toList());
  }

  @GetMapping("/api/security-packages/{id}/checklists")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  ChecklistList checklists(@PathVariable long id) {
    return new ChecklistList(
        PackageJson.checklists(packages.checklists(id)),
        packages.files(id).stream().map(PackageJson::file).toList());
  }

  private PackageRecord full(SecurityPackage p) {
    return PackageJson.record(p, packages.currentVersion(p).orElse(null));
  }

  private PackageSaved saved(SecurityPackage p) {
    return new PackageSaved(true, full(p));
  }
}
