package dev.vigil.web.access;

import dev.vigil.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Shows the readable 404 page when an administration page asks for a missing record. */
@ControllerAdvice(assignableTypes = {UserPagesController.class, RolePagesController.class})
class PageErrorAdvice {

  @ExceptionHandler(NotFoundException.class)
  void notFound(NotFoundException e, HttpServletResponse response) throws IOException {
    response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
  }
}
