package dev.vigil.access;

import dev.vigil.web.ApiController;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /api/whoami} (the signed-in user, roles and permission levels) and {@code DELETE
 * /api/whoami/tokens}, which revokes every API token of the signed-in user, including the one used.
 */
@ApiController
@PublicEndpoint(authenticated = true)
class WhoamiController {

  private final CurrentUser currentUser;
  private final TokenService tokens;

  WhoamiController(CurrentUser currentUser, TokenService tokens) {
    this.currentUser = currentUser;
    this.tokens = tokens;
  }

  @GetMapping("/api/whoami")
  Map<String, Object> whoami() {
    Subject s = currentUser.subject().orElseThrow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user", UserView.of(s.user(), s.roles()));
    body.put("isMasterAccount", true);
    body.put("permissions", s.grants().codes());
    return body;
  }

  @DeleteMapping("/api/whoami/tokens")
  Map<String, Object> revokeMyTokens() {
    int revoked = tokens.revokeAll(currentUser.require().id());
    return Map.of("success", true, "msg", "Revoked " + revoked + " token(s)");
  }
}
