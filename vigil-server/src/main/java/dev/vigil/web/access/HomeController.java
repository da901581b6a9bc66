package dev.vigil.web.access;

import dev.vigil.access.AccessService;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.PublicEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: the scan jobs for users who may see them, a welcome otherwise. */
@Controller
@PublicEndpoint(authenticated = true)
class HomeController {

  private final AccessService access;

  HomeController(AccessService access) {
    this.access = access;
  }

  @GetMapping("/")
  String home() {
    if (access.can(Permission.SECURITY_SCANNING, Level.READ)) {
      return "redirect:/provisioning/jobs/security-packages";
    }
    return "home";
  }
}
