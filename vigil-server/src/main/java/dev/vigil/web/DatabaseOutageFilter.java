package dev.vigil.web;

import dev.vigil.operations.DatabaseProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 503 while the database cannot be used, in front of everything that reads it (the security
 * filter chains' token and session look-ups, the login form, controllers): at once while {@link
 * DatabaseProbe} finds the database unwritable, and for any request whose handling failed with an
 * error {@link DatabaseOutage} recognizes. API paths get the Morpheus error shape, pages a readable
 * error page. Health, static files and the error page pass untouched.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

  /** Seconds a client is asked to wait before it tries again. */
  static final String RETRY_AFTER = "10";

  private final DatabaseProbe probe;
  private final JsonMapper json;

  DatabaseOutageFilter(DatabaseProbe probe, JsonMapper json) {
    this.probe = probe;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    return path.startsWith("/actuator/health")
        || path.startsWith("/css/")
        || path.startsWith("/js/")
        || path.equals("/favicon.ico")
        || path.equals("/error");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!probe.writable()) {
      unavailable(request, response);
      return;
    }
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      if (!DatabaseOutage.is(e) || response.isCommitted()) {
        throw e;
      }
      log.warn(
          "{} {} answered 503, the database is unavailable: {}",
          request.getMethod(),
          path(request),
          NestedExceptionUtils.getMostSpecificCause(e).toString());
      probe.suspect();
      response.resetBuffer();
      unavailable(request, response);
    }
  }

  private void unavailable(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setCharacterEncoding("UTF-8");
    if (isApi(path(request))) {
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.getWriter().write(json.writeValueAsString(ApiError.of(DatabaseOutage.MESSAGE)));
    } else {
      response.setContentType(MediaType.TEXT_HTML_VALUE);
      response.getWriter().write(page());
    }
    response.getWriter().flush();
  }

  /**
   * The error page: self-contained (the page layout reads the signed-in user from the database).
   */
  private static String page() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Database unavailable - Vigil</title>"
        + "<link rel=\"stylesheet\" href=\"/css/vigil.css\"></head>\n<body><main id=\"content\">"
        + "<h1>Database unavailable</h1><div class=\"alert error\" role=\"alert\">"
        + HtmlUtils.htmlEscape(DatabaseOutage.MESSAGE)
        + "</div><p><a href=\"\">Try again</a></p></main></body></html>\n";
  }

  private static boolean isApi(String path) {
    return path.startsWith("/api/")
        || path.startsWith("/oauth/")
        || path.startsWith("/actuator/")
        || path.startsWith("/v3/api-docs");
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
