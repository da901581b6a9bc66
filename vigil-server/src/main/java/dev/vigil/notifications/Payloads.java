package dev.vigil.notifications;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies webhooks receive, as records: every body is an {@link Envelope} whose {@code
 * data} is one of the event records below. Times are ISO-8601 UTC strings.
 */
public final class Payloads {

  private Payloads() {}

  /**
   * What every delivery posts: {@code id} is the delivery's key (also X-Vigil-Delivery), {@code
   * event} its event (also X-Vigil-Event).
   */
  public record Envelope(String id, String event, String occurredAt, Ref webhook, Object data) {}

  /** {@code {id, name}}. */
  public record Ref(@Nullable Long id, @Nullable String name) {}

  /** {@code {id, title}} of a benchmark or profile (title null when unknown). */
  public record Titled(String id, @Nullable String title) {}

  /** {@code compliance.status_changed}. */
  public record ComplianceChanged(
      Ref server,
      Titled benchmark,
      Titled profile,
      @Nullable String previousStatus,
      String status,
      @Nullable ScanRef lastScan,
      @Nullable Ref job,
      @Nullable String lastFailureAt) {}

  /** The pair's latest scan. */
  public record ScanRef(
      long id,
      @Nullable String finishedAt,
      @Nullable Double score,
      int passCount,
      int failCount,
      int errorCount) {}

  /** {@code execution.failed}. */
  public record ExecutionFailed(JobExecution jobExecution) {}

  /** The failed execution. */
  public record JobExecution(
      long id,
      String status,
      @Nullable Ref job,
      int totalCount,
      int doneCount,
      int failedCount,
      @Nullable String finishedAt,
      @Nullable String securityProfile,
      @Nullable String securityPackage) {}

  /** {@code waiver.requested}, {@code waiver.approved}, {@code waiver.expiring}. */
  public record WaiverEvent(Waiver securityWaiver) {}

  /** The waiver as the waiver module described it. */
  public record Waiver(
      long id,
      String name,
      String status,
      @Nullable String reason,
      @Nullable String ticket,
      @Nullable String expiresAt,
      List<String> ruleIds,
      Scope scope,
      @Nullable String benchmarkId,
      @Nullable String profileId,
      @Nullable String by,
      @Nullable String at) {}

  /** The waiver's scope: {@code server}, {@code instance}, {@code server-label}, {@code job}. */
  public record Scope(String type, @Nullable Long id, @Nullable String label) {}
}
