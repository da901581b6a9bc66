package dev.vigil.notifications;

import java.util.List;

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
  public record Ref(Long id, String name) {}

  /** {@code {id, title}} of a benchmark or profile (title null when unknown). */
  public record Titled(String id, String title) {}

  /** {@code compliance.status_changed}. */
  public record ComplianceChanged(
      Ref server,
      Titled benchmark,
      Titled profile,
      String previousStatus,
      String status,
      ScanRef lastScan,
      Ref job,
      String lastFailureAt) {}

  /** The pair's latest scan. */
  public record ScanRef(
      long id, String finishedAt, Double score, int passCount, int failCount, int errorCount) {}

  /** {@code execution.failed}. */
  public record ExecutionFailed(JobExecution jobExecution) {}

  /** The failed execution. */
  public record JobExecution(
      long id,
      String status,
      Ref job,
      int totalCount,
      int doneCount,
      int failedCount,
      String finishedAt,
      String securityProfile,
      String securityPackage) {}

  /** {@code waiver.requested}, {@code waiver.approved}, {@code waiver.expiring}. */
  public record WaiverEvent(Waiver securityWaiver) {}

  /** The waiver as the waiver module described it. */
  public record Waiver(
      long id,
      String name,
      String status,
      String reason,
      String ticket,
      String expiresAt,
      List<String> ruleIds,
      Scope scope,
      String benchmarkId,
      String profileId,
      String by,
      String at) {}

  /** The waiver's scope: {@code server}, {@code instance}, {@code server-label}, {@code job}. */
  public record Scope(String type, Long id, String label) {}
}
