package dev.vigil.scanning;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished scan of one target: the local, decompressed ARF and the HTML report (the caller reads
 * and then deletes both), oscap's exit code (0 or 2) and version, and what the run cost.
 *
 * @param hostKeyFingerprint the {@code SHA256:…} key the target presented, null for a local target
 * @param bytesUploaded checklist bytes sent to the target in this run; 0 when its cache was current
 */
public record ScanOutcome(
    Path arfFile,
    Path reportHtml,
    int oscapExitCode,
    String oscapVersion,
    long bytesUploaded,
    String hostKeyFingerprint,
    Instant started,
    Instant finished) {}
