package dev.vigil.access;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; Spring Security handles its POST and {@code /logout}. */
@Controller
@PublicEndpoint
class LoginController {

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
