package dev.vigil.scanning;

import org.jspecify.annotations.Nullable;

/**
 * The part of the preflight command that creates the run's private temporary directory on the
 * target ({@code mktemp -d}, mode 0700: {@code vigil-run.XXXXXXXX}, or {@code
 * vigil-run.<tag>.XXXXXXXX} for a tagged request) and, for a remote target, makes sure the content
 * cache directory exists and is the user's own, telling whether it holds the checklist.
 *
 * <p>The cache is {@code <work dir>/vigil-content-<uid>} (mode 0700, refused when it is a symlink
 * or owned by someone else) and holds each checklist as {@code <sha256>.xml}.
 */
final class RunDirectory {

  /**
   * The run's directory, the cached checklist's path (null for a local target) and whether the
   * cache holds it already.
   */
  record Prepared(String runDir, @Nullable String cachedChecklist, boolean cached) {}

  /** The line that says the cache holds the checklist. */
  static final String CACHED = "cached";

  private static final int CACHE_NOT_OURS = 3;
  private static final int NO_TEMP_DIR = 4;

  private RunDirectory() {}

  /**
   * Sets {@code c} (cache), {@code t} (run dir), {@code f} (cached checklist) and {@code k}
   * (non-empty when cached) for the rest of the script; the checklist counts as cached when {@code
   * <sha256>.xml} is a plain file of the expected size (it got there only through a sha256-checked
   * move, see {@link ContentCache}).
   */
  static String script(ScanRequest request, boolean withCache, long checklistBytes) {
    String dir = request.remoteWorkDir();
    StringBuilder script = new StringBuilder("umask 077\n");
    if (withCache) {
      script.append("c=").append(Shell.quote(dir + "/vigil-content-")).append("\"$u\"\n");
      script.append("[ -d \"$c\" ] || mkdir -m 700 \"$c\" || exit " + CACHE_NOT_OURS + "\n");
      script.append("[ -O \"$c\" ] && [ ! -L \"$c\" ] || exit " + CACHE_NOT_OURS + "\n");
      script.append("chmod 700 \"$c\"; echo \"cache=$c\"\n");
    }
    script.append("t=$(mktemp -d ").append(Shell.quote(dir + "/" + prefix(request) + "XXXXXXXX"));
    script.append(") || exit " + NO_TEMP_DIR + "\necho \"run=$t\"\n");
    if (withCache) {
      script.append("f=\"$c/").append(request.checklistSha256()).append(".xml\"\n");
      script.append("k=; [ -f \"$f\" ] && [ ! -L \"$f\" ] && [ \"$(wc -c < \"$f\")\" = ");
      script.append(checklistBytes).append(" ] && k=1 && echo " + CACHED + "\n");
    }
    return script.toString();
  }

  static Prepared parse(ExecResult result, ScanRequest request) throws ScanFailure {
    String run = value(result, "run");
    if (result.exitCode() == CACHE_NOT_OURS) {
      throw new ScanFailure(
          FailureReason.CONTENT_UPLOAD_FAILED,
          "cannot use the content cache "
              + request.remoteWorkDir()
              + "/vigil-content-<uid> on "
              + request.targetName()
              + ": it is not a directory of the login user");
    }
    if (result.exitCode() != 0 || run == null || !isRunDir(run, request)) {
      throw new ScanFailure(
          FailureReason.NO_SPACE,
          "cannot create a temporary directory in "
              + request.remoteWorkDir()
              + " on "
              + request.targetName()
              + ": "
              + StderrLines.last(result.stderrTail(), 3));
    }
    String cacheDir = value(result, "cache");
    String cached = cacheDir == null ? null : cacheDir + "/" + request.checklistSha256() + ".xml";
    return new Prepared(run, cached, result.stdout().lines().anyMatch(CACHED::equals));
  }

  /** {@code vigil-run.}, or {@code vigil-run.<tag>.} for a tagged request. */
  static String prefix(ScanRequest request) {
    return request.runTag() == null ? "vigil-run." : "vigil-run." + request.runTag() + ".";
  }

  /** A directory mktemp made from our template, and nothing else (it is removed with rm -rf). */
  static boolean isRunDir(String run, ScanRequest request) {
    String workDir = request.remoteWorkDir();
    String parent = workDir.endsWith("/") ? workDir : workDir + "/";
    String name = run.startsWith(parent) ? run.substring(parent.length()) : "";
    String prefix = prefix(request);
    return name.startsWith(prefix) && name.substring(prefix.length()).matches("[A-Za-z0-9]{8}");
  }

  static @Nullable String value(ExecResult result, String key) {
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1).strip();
      }
    }
    return null;
  }
}
