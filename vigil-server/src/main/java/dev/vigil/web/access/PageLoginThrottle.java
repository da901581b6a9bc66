package dev.vigil.web.access;

import dev.vigil.access.ClientAddress;
import dev.vigil.access.LoginAttempt;
import dev.vigil.access.LoginThrottle;
import dev.vigil.web.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The login throttle on the login form: a filter before Spring's form login that answers a
 * throttled {@code POST /login} with 429, {@code Retry-After} and the login page saying how long to
 * wait, and the success and failure handlers that count.
 */
class PageLoginThrottle extends OncePerRequestFilter
    implements AuthenticationFailureHandler, AuthenticationSuccessHandler {

  /** Request attribute read by the login page: seconds to wait before trying again. */
  static final String RETRY_AFTER = "vigilLoginRetryAfter";

  private final LoginThrottle throttle;
  private final ClientAddress clients;
  private final AuthenticationFailureHandler failure =
      new SimpleUrlAuthenticationFailureHandler("/login?error");
  private final AuthenticationSuccessHandler success =
      new SavedRequestAwareAuthenticationSuccessHandler();

  PageLoginThrottle(LoginThrottle throttle, ClientAddress clients) {
    this.throttle = throttle;
    this.clients = clients;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Duration> wait = throttle.refusal(attempt(request), "page");
    if (wait.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = LoginThrottle.retryAfterSeconds(wait.get());
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    request.setAttribute(RETRY_AFTER, seconds);
    request.getRequestDispatcher("/login").forward(new AsGet(request), response);
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    if (DatabaseOutage.is(e)) {
      // not a wrong password: the user look-up failed; answered 503 by DatabaseOutageFilter
      throw new ServletException("the database is unavailable", e);
    }
    throttle.failed(attempt(request));
    failure.onAuthenticationFailure(request, response, e);
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    throttle.succeeded(attempt(request));
    success.onAuthenticationSuccess(request, response, authentication);
  }

  private LoginAttempt attempt(HttpServletRequest request) {
    return new LoginAttempt(request.getParameter("username"), clients.of(request));
  }

  /** The refused POST rendered by the login page's GET handler. */
  private static final class AsGet extends HttpServletRequestWrapper {
    AsGet(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getMethod() {
      return "GET";
    }
  }
}
