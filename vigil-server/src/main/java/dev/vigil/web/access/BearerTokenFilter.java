package dev.vigil.web.access;

import dev.vigil.access.InvalidTokenException;
import dev.vigil.access.TokenPrincipal;
import dev.vigil.access.TokenService;
import dev.vigil.access.User;
import dev.vigil.access.UserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests carrying {@code Authorization: Bearer <token>} (scheme matched
 * case-insensitively); a bad, expired or revoked token ends the request with 401 invalid_token.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private static final String SCHEME = "bearer ";

  private final TokenService tokens;
  private final UserRepository users;
  private final ApiAuthResponses responses;
  private final RequestMatcher applies;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  /** A filter for the requests {@code applies} matches; others pass through untouched. */
  BearerTokenFilter(
      TokenService tokens,
      UserRepository users,
      ApiAuthResponses responses,
      RequestMatcher applies) {
    this.tokens = tokens;
    this.users = users;
    this.responses = responses;
    this.applies = applies;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !applies.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      chain.doFilter(request, response);
      return;
    }
    try {
      authenticate(header.substring(SCHEME.length()).trim());
    } catch (InvalidTokenException e) {
      holder.clearContext();
      responses.invalidToken(response, e.getMessage());
      return;
    }
    chain.doFilter(request, response);
  }

  private void authenticate(String token) {
    if (token.isEmpty()) {
      throw new InvalidTokenException("empty token");
    }
    long userId = tokens.authenticate(token);
    User user =
        users
            .find(userId)
            .filter(User::enabled)
            .orElseThrow(() -> new InvalidTokenException("user disabled or deleted"));
    var principal = new TokenPrincipal(user.id(), user.username());
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
    holder.setContext(context);
  }
}
