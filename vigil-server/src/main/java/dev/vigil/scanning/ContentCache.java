package dev.vigil.scanning;

/**
 * The target's content cache: a checklist missing there is uploaded into the run's directory, and
 * the script after the upload checks its sha256 there and moves it into place with one {@code mv},
 * so the cache never holds a partial or wrong file. A scan whose checklist is cached uploads
 * nothing.
 */
final class ContentCache {

  /** The exit status of a script whose upload does not have the expected sha256. */
  static final int INSTALL_FAILED = 3;

  private ContentCache() {}

  /** The script lines that move {@code staged} to {@code $f} when its sha256 is right. */
  static String install(ScanRequest request, String staged) {
    return "[ \"$(sha256sum < "
        + Shell.quote(staged)
        + " | cut -d' ' -f1)\" = "
        + Shell.quote(request.checklistSha256())
        + " ] || { echo 'the uploaded checklist does not have the expected sha256' >&2; exit "
        + INSTALL_FAILED
        + "; }\n"
        + "chmod 600 "
        + Shell.quote(staged)
        + " && mv -f "
        + Shell.quote(staged)
        + " \"$f\" || exit "
        + INSTALL_FAILED
        + "\n";
  }

  /** The failure of a script that stopped in {@link #install}. */
  static ScanFailure installFailed(ScanRequest request, ExecResult result) {
    return new ScanFailure(
        FailureReason.CONTENT_UPLOAD_FAILED,
        "cannot cache the checklist on "
            + request.targetName()
            + ": "
            + StderrLines.last(result.stderrTail(), 3));
  }

  /** The local checklist, for a target that reads it in place. */
  static String inPlace(ScanRequest request) {
    return request.checklistFile().toAbsolutePath().toString();
  }
}
