package dev.vigil.web.access;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.PublicEndpoint;
import dev.vigil.access.Subject;
import dev.vigil.access.TokenService;
import dev.vigil.access.UserView;
import dev.vigil.web.ApiController;
import dev.vigil.web.SuccessMessage;
import dev.vigil.web.access.AccessAnswers.Whoami;
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
  Whoami whoami() {
    Subject s = currentUser.subject().orElseThrow();
    return new Whoami(UserView.of(s.user(), s.roles()), true, s.grants().codes());
  }

  @DeleteMapping("/api/whoami/tokens")
  SuccessMessage revokeMyTokens() {
    int revoked = tokens.revokeAll(currentUser.require().id());
    return SuccessMessage.of("Revoked " + revoked + " token(s)");
  }
}
