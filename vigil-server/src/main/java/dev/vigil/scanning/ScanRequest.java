package dev.vigil.scanning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What to scan where: a checklist (a source datastream, or over a local connection also a plain
 * XCCDF benchmark) with one of its profiles, on one target, under a timeout. Every identifier is
 * checked against a strict pattern here, before anything runs.
 *
 * @param targetName the target's name, for messages only
 * @param sudo true to run oscap through {@code sudo -n} (privilege mode sudo), false to require
 *     root
 * @param checklistSha256 the checklist file's sha256, lower-case hex: its name in the target cache
 * @param dataStreamId {@code --datastream-id}, nullable
 * @param xccdfId {@code --xccdf-id} (a component-ref id), nullable
 * @param benchmarkId {@code --benchmark-id} for a plain XCCDF checklist, nullable
 * @param timeout the limit for the oscap run; null means {@link #DEFAULT_TIMEOUT}
 * @param remoteWorkDir absolute directory on the target for the run and the cache; null means
 *     {@link #DEFAULT_WORK_DIR}
 * @param runTag names the run directory {@code vigil-run.<tag>.XXXXXXXX}, so that a retry with the
 *     same tag first kills and removes what an earlier, dead attempt left on the target (see {@link
 *     RunLeftovers}); null for an untagged run that touches nothing of earlier runs
 * @param skipValid pass {@code --skip-valid}: the checklist was found invalid when its package was
 *     indexed and the package keeps it anyway
 * @param tailoring the tailoring to scan with, null for none
 */
public record ScanRequest(
    String targetName,
    TargetConnection connection,
    boolean sudo,
    Path checklistFile,
    String checklistSha256,
    @Nullable String dataStreamId,
    @Nullable String xccdfId,
    @Nullable String benchmarkId,
    String profileId,
    Duration timeout,
    String remoteWorkDir,
    @Nullable String runTag,
    boolean skipValid,
    @Nullable Tailoring tailoring) {

  /**
   * A tailoring to scan with: its XCCDF 1.2 file, sent inside the scan script, and the tailored
   * profile's id, which oscap is given as {@code --profile} in place of {@link #profileId}.
   */
  public record Tailoring(String profileId, String document) {
    public Tailoring {
      require("tailored profile id", profileId, ID, false);
      java.util.Objects.requireNonNull(document, "document");
    }
  }

  /** A request without a tailoring. */
  public ScanRequest(
      String targetName,
      TargetConnection connection,
      boolean sudo,
      Path checklistFile,
      String checklistSha256,
      @Nullable String dataStreamId,
      @Nullable String xccdfId,
      @Nullable String benchmarkId,
      String profileId,
      Duration timeout,
      String remoteWorkDir,
      @Nullable String runTag,
      boolean skipValid) {
    this(
        targetName,
        connection,
        sudo,
        checklistFile,
        checklistSha256,
        dataStreamId,
        xccdfId,
        benchmarkId,
        profileId,
        timeout,
        remoteWorkDir,
        runTag,
        skipValid,
        null);
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
  public static final String DEFAULT_WORK_DIR = "/var/tmp";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,255}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern WORK_DIR = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
  private static final Pattern RUN_TAG = Pattern.compile("[a-z0-9-]{1,40}");

  /** An untagged request. */
  public ScanRequest(
      String targetName,
      TargetConnection connection,
      boolean sudo,
      Path checklistFile,
      String checklistSha256,
      @Nullable String dataStreamId,
      @Nullable String xccdfId,
      @Nullable String benchmarkId,
      String profileId,
      Duration timeout,
      String remoteWorkDir) {
    this(
        targetName,
        connection,
        sudo,
        checklistFile,
        checklistSha256,
        dataStreamId,
        xccdfId,
        benchmarkId,
        profileId,
        timeout,
        remoteWorkDir,
        null,
        false);
  }

  public ScanRequest {
    Objects.requireNonNull(targetName, "targetName");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(checklistFile, "checklistFile");
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    remoteWorkDir = remoteWorkDir == null ? DEFAULT_WORK_DIR : stripTrailingSlash(remoteWorkDir);
    require("profile id", profileId, ID, false);
    require("datastream id", dataStreamId, ID, true);
    require("xccdf id", xccdfId, ID, true);
    require("benchmark id", benchmarkId, ID, true);
    require("checklist sha256", checklistSha256, SHA256, false);
    require("work directory", remoteWorkDir, WORK_DIR, false);
    require("run tag", runTag, RUN_TAG, true);
    if (remoteWorkDir.length() > 200
        || remoteWorkDir.contains("/..")
        || remoteWorkDir.contains("/./")) {
      throw new IllegalArgumentException("work directory must be a plain absolute path");
    }
    if (benchmarkId != null && (dataStreamId != null || xccdfId != null)) {
      throw new IllegalArgumentException(
          "a benchmark id excludes datastream and xccdf ids: a checklist is one or the other");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /**
   * This request with {@code tag} as its run tag (pattern {@code [a-z0-9-]{1,40}}, null for none):
   * use one tag for every attempt of the same target run, such as {@code tr<target run id>}.
   */
  public ScanRequest withRunTag(@Nullable String tag) {
    return new ScanRequest(
        targetName,
        connection,
        sudo,
        checklistFile,
        checklistSha256,
        dataStreamId,
        xccdfId,
        benchmarkId,
        profileId,
        timeout,
        remoteWorkDir,
        tag,
        skipValid,
        tailoring);
  }

  /** This request with {@code skip} as its {@code --skip-valid} choice. */
  public ScanRequest withSkipValid(boolean skip) {
    return new ScanRequest(
        targetName,
        connection,
        sudo,
        checklistFile,
        checklistSha256,
        dataStreamId,
        xccdfId,
        benchmarkId,
        profileId,
        timeout,
        remoteWorkDir,
        runTag,
        skip,
        tailoring);
  }

  /** This request scanning with {@code t} (null for the shipped profile). */
  public ScanRequest withTailoring(Tailoring t) {
    return new ScanRequest(
        targetName,
        connection,
        sudo,
        checklistFile,
        checklistSha256,
        dataStreamId,
        xccdfId,
        benchmarkId,
        profileId,
        timeout,
        remoteWorkDir,
        runTag,
        skipValid,
        t);
  }

  /** The profile oscap evaluates: the tailored one when there is a tailoring. */
  public String evaluatedProfile() {
    return tailoring == null ? profileId : tailoring.profileId();
  }

  /** True when the checklist is a plain XCCDF benchmark rather than a source datastream. */
  public boolean plainXccdf() {
    return benchmarkId != null;
  }

  private static String stripTrailingSlash(String dir) {
    return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
  }

  private static void require(
      String what, @Nullable String value, Pattern pattern, boolean nullable) {
    if (value == null && nullable) {
      return;
    }
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid "
              + what
              + ": must match "
              + pattern.pattern()
              + (value == null ? ", got null" : ""));
    }
  }
}
