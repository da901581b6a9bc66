package dev.vigil.packages;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A security package: named SCAP content fetched from a URL. It owns its fetch state machine; a
 * transition from the wrong state throws naming the state. {@code acceptInvalid}: a checklist that
 * validation at indexing finds invalid is kept (with a warning, scanned with {@code --skip-valid})
 * instead of failing the fetch.
 */
public record SecurityPackage(
    long id,
    String uuid,
    String name,
    @Nullable String description,
    String url,
    boolean enabled,
    @Nullable String expectedSha256,
    boolean acceptInvalid,
    List<String> labels,
    PackageStatus status,
    String statusMessage,
    @Nullable Long currentVersionId,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  public SecurityPackage {
    labels = List.copyOf(labels);
  }

  /** The background task picked the package up. */
  SecurityPackage startFetching(Instant now) {
    require(PackageStatus.PENDING, "start fetching");
    return withStatus(PackageStatus.FETCHING, "fetching " + url, currentVersionId, now);
  }

  /** Fetched and indexed; {@code versionId} is the version now current. */
  SecurityPackage markReady(long versionId, String message, Instant now) {
    require(PackageStatus.FETCHING, "mark ready");
    return withStatus(PackageStatus.READY, message, versionId, now);
  }

  /** The fetch failed for {@code reason}; an earlier version, if any, stays current. */
  SecurityPackage markFailed(String reason, Instant now) {
    require(PackageStatus.FETCHING, "mark failed");
    return withStatus(PackageStatus.FAILED, reason, currentVersionId, now);
  }

  /** Queues a new fetch (refresh, or the URL changed). */
  SecurityPackage requeue(Instant now) {
    if (status.inProgress()) {
      throw new IllegalStateException(
          "security package " + id + " is " + status.code() + "; a fetch is already under way");
    }
    return withStatus(PackageStatus.PENDING, "queued", currentVersionId, now);
  }

  private void require(PackageStatus expected, String action) {
    if (status != expected) {
      throw new IllegalStateException(
          "cannot " + action + " security package " + id + ": it is " + status.code());
    }
  }

  private SecurityPackage withStatus(
      PackageStatus next, String message, @Nullable Long versionId, Instant now) {
    return new SecurityPackage(
        id,
        uuid,
        name,
        description,
        url,
        enabled,
        expectedSha256,
        acceptInvalid,
        labels,
        next,
        message,
        versionId,
        createdBy,
        createdAt,
        now);
  }

  /** A copy with the user-editable fields replaced. */
  SecurityPackage withDetails(
      String newName,
      @Nullable String newDescription,
      String newUrl,
      boolean newEnabled,
      @Nullable String newExpectedSha256,
      boolean newAcceptInvalid,
      List<String> newLabels,
      Instant now) {
    return new SecurityPackage(
        id,
        uuid,
        newName,
        newDescription,
        newUrl,
        newEnabled,
        newExpectedSha256,
        newAcceptInvalid,
        newLabels,
        status,
        statusMessage,
        currentVersionId,
        createdBy,
        createdAt,
        now);
  }
}
