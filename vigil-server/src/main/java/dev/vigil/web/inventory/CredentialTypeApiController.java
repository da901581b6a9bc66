package dev.vigil.web.inventory;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.inventory.CredentialType;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /api/credential-types}: the read-only list of credential types, which {@code credentials
 * add} of the Morpheus CLI loads to offer a type and prompt for its fields; and the empty list of
 * credential stores it asks for ({@code /api/options/credentialIntegrations}).
 */
@ApiController
@RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
class CredentialTypeApiController {

  @GetMapping("/api/credential-types")
  CredentialTypeJson.TypeList list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<CredentialType> matching =
        Arrays.stream(CredentialType.values())
            .filter(t -> CredentialTypeJson.matchesName(t, q.name()))
            .filter(t -> q.phrase() == null || CredentialTypeJson.matchesPhrase(t, q.phrase()))
            .toList();
    List<CredentialTypeJson.Full> page =
        matching.stream().skip(q.offset()).limit(q.max()).map(CredentialTypeJson::full).toList();
    return new CredentialTypeJson.TypeList(page, Meta.of(q, page.size(), matching.size()));
  }

  @GetMapping("/api/credential-types/{id}")
  CredentialTypeJson.TypeOne get(@PathVariable long id) {
    CredentialType t =
        CredentialType.fromId(id).orElseThrow(() -> new NotFoundException("Credential type", id));
    return new CredentialTypeJson.TypeOne(CredentialTypeJson.full(t));
  }

  @GetMapping("/api/options/credentialIntegrations")
  CredentialTypeJson.CredentialStores credentialStores() {
    return new CredentialTypeJson.CredentialStores(true, List.of());
  }
}
