package dev.vigil.web.access;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Me;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Adds {@code me} (the signed-in user, or null) to the model of every page. */
@ControllerAdvice
class MeAdvice {

  private final CurrentUser currentUser;

  MeAdvice(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  @ModelAttribute("me")
  Me me() {
    return currentUser.subject().map(Me::new).orElse(null);
  }
}
