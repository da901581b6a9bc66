package dev.vigil.web.packages;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code /api/security-package-types}: the read-only list of package types (one: SCAP Package). */
@ApiController
@RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
class PackageTypeApiController {

  @GetMapping("/api/security-package-types")
  PackageTypes.PackageTypeList list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    boolean match =
        PackageTypes.matchesName(q.name())
            && (q.phrase() == null || PackageTypes.matchesPhrase(q.phrase()));
    List<PackageTypes.PackageType> types =
        match && q.offset() == 0 && q.max() > 0 ? List.of(PackageTypes.full()) : List.of();
    return new PackageTypes.PackageTypeList(types, Meta.of(q, types.size(), match ? 1 : 0));
  }

  @GetMapping("/api/security-package-types/{id}")
  PackageTypes.PackageTypeOne get(@PathVariable long id) {
    if (id != PackageTypes.ID) {
      throw new NotFoundException("Security package type", id);
    }
    return new PackageTypes.PackageTypeOne(PackageTypes.full());
  }
}
