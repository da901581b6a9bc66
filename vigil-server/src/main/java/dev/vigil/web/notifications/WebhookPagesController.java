package dev.vigil.web.notifications;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.notifications.NotificationEvent;
import dev.vigil.notifications.Webhook;
import dev.vigil.notifications.WebhookInput;
import dev.vigil.notifications.WebhookService;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.Paging;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration → Webhooks: the list, the add and edit form (the secret is never shown: left empty
 * it is kept) and each webhook's delivery log. Administration Full, as the API.
 */
@Controller
@RequiresPermission(value = Permission.ADMIN, level = Level.FULL)
class WebhookPagesController {

  /** The sortable columns, the default first. */
  private static final java.util.List<String> SORTS = java.util.List.of("name", "lastUpdated");

  /** The form's values (never a secret). */
  record Form(String name, String url, List<String> events, boolean enabled) {}

  private final WebhookService webhooks;
  private final CurrentUser currentUser;

  WebhookPagesController(WebhookService webhooks, CurrentUser currentUser) {
    this.webhooks = webhooks;
    this.currentUser = currentUser;
  }

  @GetMapping("/admin/webhooks")
  String list(
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String direction,
      Model model) {
    ListQuery q = Paging.query(phrase, page, sort, direction, SORTS, model);
    model.addAttribute("webhooks", webhooks.list(q));
    Paging.total(webhooks.count(q), model);
    return "admin/webhooks";
  }

  @GetMapping("/admin/webhooks/new")
  String newForm(Model model) {
    return form(model, null, new Form("", "", List.of(), true), Map.of());
  }

  @PostMapping("/admin/webhooks")
  String create(
      @RequestParam MultiValueMap<String, String> params,
      Model model,
      RedirectAttributes redirect) {
    Form form = fromForm(params);
    try {
      Webhook created = webhooks.create(input(form, params, true), user());
      redirect.addFlashAttribute("notice", "Webhook " + created.name() + " added");
      return "redirect:/admin/webhooks";
    } catch (InvalidInputException e) {
      return form(model, null, form, e.errors());
    }
  }

  @GetMapping("/admin/webhooks/{id}")
  String edit(@PathVariable long id, Model model) {
    Webhook w = webhooks.get(id);
    return form(model, w, new Form(w.name(), w.url(), w.eventCodes(), w.enabled()), Map.of());
  }

  @PostMapping("/admin/webhooks/{id}")
  String update(
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> params,
      Model model,
      RedirectAttributes redirect) {
    Webhook current = webhooks.get(id);
    Form form = fromForm(params);
    try {
      webhooks.update(id, input(form, params, false), user());
      redirect.addFlashAttribute("notice", "Webhook " + form.name() + " saved");
      return "redirect:/admin/webhooks";
    } catch (InvalidInputException e) {
      return form(model, current, form, e.errors());
    }
  }

  @PostMapping("/admin/webhooks/{id}/delete")
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    Webhook w = webhooks.get(id);
    webhooks.delete(id);
    redirect.addFlashAttribute("notice", "Webhook " + w.name() + " deleted");
    return "redirect:/admin/webhooks";
  }

  @GetMapping("/admin/webhooks/{id}/deliveries")
  String deliveries(
      @PathVariable long id,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    Webhook w = webhooks.get(id);
    String s = status == null || status.isBlank() ? null : status;
    ListQuery q =
        new ListQuery(
            Paging.PAGE_SIZE, Math.max(page, 0) * Paging.PAGE_SIZE, null, null, null, true);
    model.addAttribute("webhook", w);
    model.addAttribute("status", s == null ? "" : s);
    model.addAttribute("page", Math.max(page, 0));
    model.addAttribute("deliveries", webhooks.deliveries(id, q, null, s));
    Paging.total(webhooks.deliveryCount(id, null, s), model);
    return "admin/webhook-deliveries";
  }

  private static Form fromForm(MultiValueMap<String, String> params) {
    List<String> events = params.getOrDefault("events", List.of());
    return new Form(
        text(params.getFirst("name")),
        text(params.getFirst("url")),
        List.copyOf(events),
        params.containsKey("enabled"));
  }

  private static WebhookInput input(
      Form form, MultiValueMap<String, String> params, boolean creating) {
    String secret = params.getFirst("secret");
    boolean keep = !creating && (secret == null || secret.isEmpty());
    return new WebhookInput(
        form.name(), form.url(), keep ? null : secret, form.events(), form.enabled());
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private String form(Model model, Webhook webhook, Form form, Map<String, String> errors) {
    model.addAttribute("webhook", webhook);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("events", NotificationEvent.values());
    return "admin/webhook-form";
  }

  private String user() {
    return currentUser.current().map(UserRef::username).orElse(null);
  }
}
