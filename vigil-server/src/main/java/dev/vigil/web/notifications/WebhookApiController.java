package dev.vigil.web.notifications;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.notifications.Delivery;
import dev.vigil.notifications.WebhookInput;
import dev.vigil.notifications.WebhookService;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.ApiError;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.core.JacksonException;

/**
 * {@code /api/webhooks}: CRUD of webhooks and each one's delivery log, Administration Full. The
 * secret goes in and never comes back.
 */
@ApiController
@RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
class WebhookApiController {

  private static final String SAVE = "Unable to save webhook";

  private final WebhookService webhooks;
  private final CurrentUser currentUser;

  WebhookApiController(WebhookService webhooks, CurrentUser currentUser) {
    this.webhooks = webhooks;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/webhooks")
  WebhookJson.Page list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<WebhookJson.View> items = webhooks.list(q).stream().map(WebhookJson::view).toList();
    return new WebhookJson.Page(items, Meta.of(q, items.size(), webhooks.count(q)));
  }

  @GetMapping("/api/webhooks/{id}")
  WebhookJson.One get(@PathVariable long id) {
    return new WebhookJson.One(WebhookJson.view(webhooks.get(id)));
  }

  @PostMapping("/api/webhooks")
  WebhookJson.Saved create(@RequestBody(required = false) WebhookJson.Request body) {
    return new WebhookJson.Saved(true, WebhookJson.view(webhooks.create(input(body), user())));
  }

  @PutMapping("/api/webhooks/{id}")
  WebhookJson.Saved update(
      @PathVariable long id, @RequestBody(required = false) WebhookJson.Request body) {
    webhooks.get(id);
    return new WebhookJson.Saved(true, WebhookJson.view(webhooks.update(id, input(body), user())));
  }

  @DeleteMapping("/api/webhooks/{id}")
  Success delete(@PathVariable long id) {
    webhooks.delete(id);
    return Success.OK;
  }

  /** The delivery log, newest first; filters {@code event} and {@code status}. */
  @GetMapping("/api/webhooks/{id}/deliveries")
  WebhookJson.Deliveries deliveries(@PathVariable long id, HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    String event = ListQuery.text(request.getParameterMap(), "event");
    String status = ListQuery.text(request.getParameterMap(), "status");
    List<Delivery> found = webhooks.deliveries(id, q, event, status);
    return new WebhookJson.Deliveries(
        found.stream().map(WebhookJson::delivery).toList(),
        Meta.of(q, found.size(), webhooks.deliveryCount(id, event, status)));
  }

  /**
   * A body Jackson could not bind to the records: 400 naming the field (its path under {@code
   * webhook}) and what it must be.
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    String field = null;
    for (Throwable t = e; t != null && field == null; t = t.getCause()) {
      if (t instanceof JacksonException j && !j.getPath().isEmpty()) {
        field = path(j.getPath());
      }
    }
    if (field == null) {
      return error("Request body is not valid JSON of the expected shape", Map.of());
    }
    String what =
        switch (field) {
          case "webhook.events" -> "must be a list of event names";
          case "webhook.enabled" -> "must be true or false";
          case "webhook" -> "must be an object";
          default -> "must be a string";
        };
    String key = field.startsWith("webhook.") ? field.substring("webhook.".length()) : field;
    return error(SAVE + ": " + key + " " + what, Map.of(key, what));
  }

  private static String path(List<JacksonException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JacksonException.Reference r : refs) {
      if (r.getPropertyName() != null) {
        if (!b.isEmpty()) {
          b.append('.');
        }
        b.append(r.getPropertyName());
      } else {
        break; // an index inside a list: the list is the field
      }
    }
    return b.toString();
  }

  private static ResponseEntity<ApiError> error(String msg, Map<String, String> errors) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiError.of(400, msg, errors));
  }

  private static WebhookInput input(WebhookJson.Request body) {
    if (body == null || body.webhook() == null) {
      throw new InvalidInputException(
          "Request body must be a JSON object with a \"webhook\" object",
          Map.of("webhook", "is required"));
    }
    WebhookJson.Fields f = body.webhook();
    return new WebhookInput(f.name(), f.url(), f.secret(), f.events(), f.enabled());
  }

  private String user() {
    return currentUser.current().map(UserRef::username).orElse(null);
  }
}
