package dev.vigil.notifications;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One notification to one webhook: its unique key (the X-Vigil-Delivery header, the receiver's
 * de-duplication key), event, JSON body, state ({@code pending}, {@code delivered}, {@code failed})
 * and attempts so far.
 */
public record Delivery(
    long id,
    long webhookId,
    String key,
    NotificationEvent event,
    String payload,
    String status,
    int attempts,
    Instant createdAt,
    @Nullable Instant lastAttemptAt,
    @Nullable Integer lastHttpStatus,
    @Nullable String lastError,
    @Nullable Instant deliveredAt,
    List<Attempt> history) {

  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";

  public Delivery {
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** One try: when, the receiver's HTTP status (null when none came), the error, how long. */
  public record Attempt(
      int attempt,
      Instant attemptedAt,
      @Nullable Integer httpStatus,
      @Nullable String error,
      long durationMs) {}

  Delivery withHistory(List<Attempt> attempts) {
    return new Delivery(
        id,
        webhookId,
        key,
        event,
        payload,
        status,
        this.attempts,
        createdAt,
        lastAttemptAt,
        lastHttpStatus,
        lastError,
        deliveredAt,
        attempts);
  }
}
