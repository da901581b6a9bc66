package dev.vigil.web.access;

import dev.vigil.access.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles its POST and {@code /logout}. */
@Controller
@PublicEndpoint
class LoginController {

  /** The sign-in form; answered with 429 when the login throttle refused the POST it renders. */
  @GetMapping("/login")
  String login(HttpServletRequest request, HttpServletResponse response, Model model) {
    Object retryAfter = request.getAttribute(PageLoginThrottle.RETRY_AFTER);
    if (retryAfter != null) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      model.addAttribute("retryAfter", retryAfter);
    }
    return "login";
  }
}
