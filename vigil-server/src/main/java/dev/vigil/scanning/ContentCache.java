package dev.vigil.scanning;

import java.time.Duration;

/**
 * Puts the checklist into the target's content cache when it is missing or different: uploads it
 * into the run's directory, checks its sha256 there and moves it into place with one {@code mv}, so
 * the cache never holds a partial or wrong file.
 */
final class ContentCache {

  private ContentCache() {}

  /** Uploads when needed; returns the checklist's path on the target. */
  static String ensure(
      TargetShell shell, ScanRequest request, RunDirectory.Prepared prepared, Duration timeout)
      throws ScanFailure {
    String sha = request.checklistSha256();
    if (sha.equals(prepared.cachedSha256())) {
      return prepared.cachedChecklist();
    }
    String staged = prepared.runDir() + "/checklist.xml";
    shell.upload(request.checklistFile(), staged);
    String install =
        "[ \"$(sha256sum < "
            + Shell.quote(staged)
            + " | cut -d' ' -f1)\" = "
            + Shell.quote(sha)
            + " ] || { echo 'the uploaded checklist does not have the expected sha256' >&2; exit 3; }\n"
            + "chmod 600 "
            + Shell.quote(staged)
            + " && mv -f "
            + Shell.quote(staged)
            + " "
            + Shell.quote(prepared.cachedChecklist());
    ExecResult result = shell.exec(install, timeout, false);
    if (result.exitCode() != 0) {
      throw new ScanFailure(
          FailureReason.CONTENT_UPLOAD_FAILED,
          "cannot cache the checklist on "
              + request.targetName()
              + ": "
              + StderrLines.last(result.stderrTail(), 3));
    }
    return prepared.cachedChecklist();
  }

  /** The local checklist, for a target that reads it in place. */
  static String inPlace(ScanRequest request) {
    return request.checklistFile().toAbsolutePath().toString();
  }
}
