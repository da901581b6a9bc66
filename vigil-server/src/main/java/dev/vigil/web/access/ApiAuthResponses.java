package dev.vigil.web.access;

import dev.vigil.access.OAuthError;
import dev.vigil.web.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes the API's 401 (OAuth shape) and 403 (Morpheus shape) bodies outside controllers. */
@Component
class ApiAuthResponses {

  static final String FORBIDDEN_MSG = "You do not have permissions to access this api endpoint";

  private final JsonMapper json;

  ApiAuthResponses(JsonMapper json) {
    this.json = json;
  }

  void unauthorized(HttpServletResponse response) throws IOException {
    oauthError(response, 401, "unauthorized", "Full authentication is required");
  }

  void invalidToken(HttpServletResponse response, String reason) throws IOException {
    oauthError(response, 401, "invalid_token", "Invalid access token: " + reason);
  }

  void forbidden(HttpServletResponse response) throws IOException {
    write(response, 403, ApiError.of(FORBIDDEN_MSG));
  }

  void oauthError(HttpServletResponse response, int status, String error, String description)
      throws IOException {
    write(response, status, new OAuthError(error, description));
  }

  private void write(HttpServletResponse response, int status, Object body) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(json.writeValueAsString(body));
    response.getWriter().flush();
  }
}
