package dev.vigil.web.access;

import dev.vigil.access.ClientAddress;
import dev.vigil.access.InvalidTokenException;
import dev.vigil.access.LoginAttempt;
import dev.vigil.access.LoginThrottle;
import dev.vigil.access.OAuthError;
import dev.vigil.access.OAuthTokens;
import dev.vigil.access.PasswordCheck;
import dev.vigil.access.PublicEndpoint;
import dev.vigil.access.TokenPair;
import dev.vigil.access.TokenService;
import dev.vigil.access.User;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /oauth/token}: the password and refresh_token grants of Morpheus's OAuth endpoint
 * (parameters from the query string or the form body; clients {@code morph-cli} and {@code
 * morph-api}).
 */
@RestController
@PublicEndpoint
class OAuthTokenController {

  private final PasswordCheck passwords;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final ClientAddress clients;

  OAuthTokenController(
      PasswordCheck passwords, TokenService tokens, LoginThrottle throttle, ClientAddress clients) {
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = throttle;
    this.clients = clients;
  }

  @PostMapping("/oauth/token")
  ResponseEntity<?> token(HttpServletRequest request) {
    Map<String, String[]> params = request.getParameterMap();
    String grant = ListQuery.text(params, "grant_type");
    String client = ListQuery.text(params, "client_id");
    if (client == null || !TokenService.CLIENTS.contains(client)) {
      return error("invalid_client", "Unknown client: " + (client == null ? "(none)" : client));
    }
    if ("password".equals(grant)) {
      String username = ListQuery.text(params, "username");
      LoginAttempt attempt = new LoginAttempt(username, clients.of(request));
      Optional<Duration> wait = throttle.refusal(attempt, "token");
      if (wait.isPresent()) {
        return tooManyAttempts(wait.get());
      }
      return password(attempt, username, param(params, "password"), client);
    }
    if ("refresh_token".equals(grant)) {
      return refresh(ListQuery.text(params, "refresh_token"), client);
    }
    return error("unsupported_grant_type", "Unsupported grant type: " + grant);
  }

  private ResponseEntity<?> password(
      LoginAttempt attempt, String username, String password, String client) {
    Optional<User> user = passwords.verify(username, password);
    if (user.isEmpty()) {
      throttle.failed(attempt);
      return error("invalid_grant", "Bad credentials");
    }
    throttle.succeeded(attempt);
    return success(tokens.issue(user.get().id(), client));
  }

  private ResponseEntity<?> refresh(String refreshToken, String client) {
    if (refreshToken == null) {
      return error("invalid_request", "Missing refresh_token");
    }
    try {
      return success(tokens.refresh(refreshToken, client));
    } catch (InvalidTokenException e) {
      return error("invalid_grant", "Invalid refresh token: " + e.getMessage());
    }
  }

  private static String param(Map<String, String[]> params, String key) {
    String[] values = params.get(key);
    return values == null || values.length == 0 ? null : values[0];
  }

  private static ResponseEntity<OAuthTokens> success(TokenPair pair) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(OAuthTokens.of(pair));
  }

  /** 429 in the Morpheus error shape; the same for every username, known or not. */
  private static ResponseEntity<ApiError> tooManyAttempts(Duration wait) {
    long seconds = LoginThrottle.retryAfterSeconds(wait);
    ApiError body = ApiError.of("Too many failed sign-ins; try again in " + seconds + " s");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .cacheControl(CacheControl.noStore())
        .body(body);
  }

  private static ResponseEntity<OAuthError> error(String error, String description) {
    return ResponseEntity.badRequest()
        .cacheControl(CacheControl.noStore())
        .body(new OAuthError(error, description));
  }
}
