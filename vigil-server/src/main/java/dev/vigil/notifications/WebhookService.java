package dev.vigil.notifications;

import dev.vigil.inventory.SecretCipher;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhooks: validated, their secret sealed with the master key ({@link SecretCipher}, as credential
 * secrets) and never given back; and each webhook's delivery log.
 */
@Service
@Transactional
public class WebhookService {

  static final int MIN_SECRET = 16;
  static final int MAX_SECRET = 1000;
  private static final String CREATE = "Unable to save webhook";

  private final WebhookRepository webhooks;
  private final DeliveryRepository deliveries;
  private final SecretCipher cipher;
  private final WebhookUrls urls;
  private final Clock clock;

  WebhookService(
      WebhookRepository webhooks,
      DeliveryRepository deliveries,
      SecretCipher cipher,
      WebhookSettings settings,
      Clock clock) {
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.cipher = cipher;
    this.urls = new WebhookUrls(settings.allowPrivateAddresses());
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<Webhook> list(ListQuery q) {
    return webhooks.list(q);
  }

  @Transactional(readOnly = true)
  public long count(ListQuery q) {
    return webhooks.count(q);
  }

  /** The webhook; NotFoundException (404) when there is none. */
  @Transactional(readOnly = true)
  public Webhook get(long id) {
    return webhooks.find(id).orElseThrow(() -> new NotFoundException("webhook", id));
  }

  public Webhook create(WebhookInput in, String by) {
    Map<String, String> errors = new LinkedHashMap<>();
    Checked c = check(in, true, null, errors);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    Instant now = clock.instant();
    Webhook draft =
        new Webhook(
            0, c.name(), c.url(), c.events(), c.enabled() == null || c.enabled(), by, now, now);
    return get(webhooks.insert(draft, seal(in.secret())));
  }

  public Webhook update(long id, WebhookInput in, String by) {
    Webhook current = get(id);
    Map<String, String> errors = new LinkedHashMap<>();
    Checked c = check(in, false, id, errors);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    Webhook changed =
        new Webhook(
            id,
            c.name() == null ? current.name() : c.name(),
            c.url() == null ? current.url() : c.url(),
            c.events() == null ? current.events() : c.events(),
            c.enabled() == null ? current.enabled() : c.enabled(),
            by,
            current.createdAt(),
            clock.instant());
    webhooks.update(changed, in.secret() == null ? null : seal(in.secret()));
    return get(id);
  }

  public void delete(long id) {
    get(id);
    webhooks.delete(id);
  }

  /** The webhook's deliveries, newest first, each with its attempts; filters event and status. */
  @Transactional(readOnly = true)
  public List<Delivery> deliveries(long webhookId, ListQuery q, String event, String status) {
    get(webhookId);
    return deliveries.list(webhookId, q, filterEvent(event), filterStatus(status));
  }

  @Transactional(readOnly = true)
  public long deliveryCount(long webhookId, String event, String status) {
    return deliveries.count(webhookId, filterEvent(event), filterStatus(status));
  }

  /** The codes of every event a webhook can want. */
  public static List<String> eventCodes() {
    return Arrays.stream(NotificationEvent.values()).map(NotificationEvent::code).toList();
  }

  private static String filterEvent(String event) {
    if (event == null) {
      return null;
    }
    NotificationEvent e = NotificationEvent.fromCode(event);
    if (e == null) {
      throw new InvalidInputException(
          "event", "event must be one of " + String.join(", ", eventCodes()));
    }
    return e.code();
  }

  private static String filterStatus(String status) {
    if (status == null) {
      return null;
    }
    String s = status.trim().toLowerCase(java.util.Locale.ROOT);
    if (!Set.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED).contains(s)) {
      throw new InvalidInputException("status", "status must be pending, delivered or failed");
    }
    return s;
  }

  private static InvalidInputException invalid(Map<String, String> errors) {
    StringBuilder msg = new StringBuilder(CREATE).append(": ");
    errors.forEach((k, v) -> msg.append(k).append(' ').append(v).append("; "));
    msg.setLength(msg.length() - 2);
    return new InvalidInputException(msg.toString(), errors);
  }

  private byte[] seal(String secret) {
    return cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8));
  }

  private record Checked(
      String name, String url, List<NotificationEvent> events, Boolean enabled) {}

  private Checked check(WebhookInput in, boolean creating, Long id, Map<String, String> errors) {
    String name = in.name() == null ? null : in.name().trim();
    if (name == null ? creating : name.isEmpty()) {
      errors.put("name", "is required");
    } else if (name != null && name.length() > 255) {
      errors.put("name", "must be at most 255 characters");
    } else if (name != null && webhooks.nameTaken(name, id)) {
      errors.put("name", "must be unique");
    }
    String url = null;
    if (in.url() != null || creating) {
      try {
        url = urls.check(in.url()).toString();
      } catch (WebhookUrls.Refused e) {
        errors.put("url", e.getMessage());
      }
    }
    String secret = in.secret();
    if (secret == null ? creating : secret.isEmpty()) {
      errors.put("secret", "is required");
    } else if (secret != null && secret.length() < MIN_SECRET) {
      errors.put("secret", "must be at least " + MIN_SECRET + " characters");
    } else if (secret != null && secret.length() > MAX_SECRET) {
      errors.put("secret", "must be at most " + MAX_SECRET + " characters");
    }
    List<NotificationEvent> events = null;
    if (in.events() != null || creating) {
      events = events(in.events(), errors);
    }
    return new Checked(name, url, events, in.enabled());
  }

  private static List<NotificationEvent> events(List<String> codes, Map<String, String> errors) {
    if (codes == null || codes.isEmpty()) {
      errors.put("events", "name at least one event: " + String.join(", ", eventCodes()));
      return null;
    }
    Set<NotificationEvent> out = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String code : codes) {
      NotificationEvent e = NotificationEvent.fromCode(code);
      if (e == null) {
        unknown.add(code == null ? "null" : "'" + code + "'");
      } else {
        out.add(e);
      }
    }
    if (!unknown.isEmpty()) {
      errors.put(
          "events",
          "unknown event "
              + unknown.stream().limit(5).collect(Collectors.joining(", "))
              + "; known events: "
              + String.join(", ", eventCodes()));
      return null;
    }
    return List.copyOf(out);
  }
}
