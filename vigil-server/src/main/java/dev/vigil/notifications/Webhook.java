package dev.vigil.notifications;

import java.time.Instant;
import java.util.List;

/**
 * A receiver of notifications: where they go and which events; its secret is stored sealed and is
 * never part of this record.
 */
public record Webhook(
    long id,
    String name,
    String url,
    List<NotificationEvent> events,
    boolean enabled,
    String updatedBy,
    Instant createdAt,
    Instant updatedAt) {

  public Webhook {
    events = List.copyOf(events);
  }

  public boolean wants(NotificationEvent event) {
    return enabled && events.contains(event);
  }

  /** The events' codes, e.g. {@code execution.failed}. */
  public List<String> eventCodes() {
    return events.stream().map(NotificationEvent::code).toList();
  }
}
