package dev.vigil.web;

import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Shows domain errors of page controllers as readable pages with the right HTTP status. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

  @ExceptionHandler(NotFoundException.class)
  String notFound(NotFoundException e, Model model, HttpServletResponse response) {
    return page(response, 404, "Not found", e.getMessage(), model);
  }

  @ExceptionHandler(ConflictException.class)
  String conflict(ConflictException e, Model model, HttpServletResponse response) {
    return page(response, 409, "Not possible now", e.getMessage(), model);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  String badParameter(
      MethodArgumentTypeMismatchException e, Model model, HttpServletResponse response) {
    return page(response, 400, "Bad request", ParameterMessages.mismatch(e), model);
  }

  /** A bad query parameter (e.g. an unknown {@code sort} column): 400 naming it. */
  @ExceptionHandler(InvalidInputException.class)
  String invalid(InvalidInputException e, Model model, HttpServletResponse response) {
    return page(response, 400, "Bad request", e.getMessage(), model);
  }

  private static String page(
      HttpServletResponse response, int status, String title, String message, Model model) {
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("problemTitle", title);
    model.addAttribute("message", message);
    return "error/problem";
  }
}
