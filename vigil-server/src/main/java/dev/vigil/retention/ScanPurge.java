package dev.vigil.retention;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One purge: a run of the recurring purge ({@code purge}) or one scan deleted through the API
 * ({@code manual}, with the scan's id and the user), with what it deleted and freed. {@code
 * bytesFreed} counts the freed blobs' stored (compressed) bytes.
 */
public record ScanPurge(
    long id,
    Instant purgedAt,
    String node,
    String trigger,
    int scansDeleted,
    int blobsFreed,
    long bytesFreed,
    int dictionariesFreed,
    @Nullable Long scanId,
    @Nullable String createdBy) {

  public static final String PURGE = "purge";
  public static final String MANUAL = "manual";
}
