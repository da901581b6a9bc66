package dev.vigil.packages;

import java.time.Instant;

/** One immutable fetch of a package's content, addressed by the sha256 of the fetched bytes. */
public record PackageVersion(
    long id,
    long packageId,
    int versionNo,
    String sha256,
    String fileName,
    long sizeBytes,
    String sourceUrl,
    Instant fetchedAt) {}
