package dev.vigil.scanning;

import java.nio.file.Path;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A finished scan of one target: the local, decompressed ARF and the HTML report (the caller reads
 * and then deletes both), oscap's exit code (0 or 2) and version, and what the run cost.
 *
 * @param hostKeyFingerprint the {@code SHA256:…} key the target presented, null for a local target
 * @param bytesUploaded checklist bytes sent to the target in this run; 0 when its cache was current
 * @param osName the target's OS as its os-release names it; null or blank when unknown
 */
public record ScanOutcome(
    Path arfFile,
    Path reportHtml,
    int oscapExitCode,
    String oscapVersion,
    long bytesUploaded,
    @Nullable String hostKeyFingerprint,
    Instant started,
    Instant finished,
    @Nullable String osName) {

  /** A finished scan whose target's OS is not known. */
  public ScanOutcome(
      Path arfFile,
      Path reportHtml,
      int oscapExitCode,
      String oscapVersion,
      long bytesUploaded,
      @Nullable String hostKeyFingerprint,
      Instant started,
      Instant finished) {
    this(
        arfFile,
        reportHtml,
        oscapExitCode,
        oscapVersion,
        bytesUploaded,
        hostKeyFingerprint,
        started,
        finished,
        null);
  }
}
