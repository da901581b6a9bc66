package dev.vigil.scanning;

/**
 * The scripts a scan runs on its target as the login user, each in its own process group: the first
 * checks the target and makes the run directory ({@link Preflight}) and, when the checklist is in
 * place (cached on the target, or a local file), scans right away, sends the results on stdout and
 * removes the run directory — a re-scan is one command on one channel. When the cache lacks the
 * checklist, the first script stops after {@link #UPLOAD}; the engine uploads it into the run
 * directory and runs {@link #afterUpload}.
 *
 * <p>What the scan step prints, after the preflight's lines: {@link #SCANNING}; oscap's progress
 * lines; {@link #VERSION} with oscap's version; for a finished oscap {@link #RESULTS} then, for the
 * ARF and the report, a line {@code vigil-file <name> <bytes>} followed by exactly that many bytes
 * of the file (gzip'd as {@code <name>.gz} when compressing), or {@link
 * OscapCommand#RESULTS_MISSING}; and {@link #CLEANED} once the run directory is gone. The oscap
 * step runs through {@code sudo -n} in sudo mode, in a process group of its own (reported on stderr
 * like the script's), and makes its results readable by the login user, who sends them: nothing
 * binary goes through sudo, which may put a terminal between.
 */
final class ScanScript {

  static final String UPLOAD = "vigil-upload";
  static final String SCANNING = "vigil-phase=scanning";
  static final String VERSION = "vigil-version=";
  static final String OS = "vigil-os=";
  static final String RESULTS = "vigil-results";
  static final String FILE = "vigil-file ";
  static final String CLEANED = "vigil-cleaned";
  static final String STAGED = "checklist.xml";

  private ScanScript() {}

  /** The first script of a scan; {@code remote} for a target with a content cache. */
  static String first(ScanRequest request, long checklistBytes, boolean remote, boolean compress) {
    String script = Preflight.script(request, checklistBytes, remote);
    String checklist =
        remote
            ? "[ -n \"$k\" ] || { echo " + UPLOAD + "; exit 0; }\n"
            : "f=" + Shell.quote(ContentCache.inPlace(request)) + "\n";
    return script + checklist + scanStep(request, compress);
  }

  /**
   * The script after an upload to {@code <run dir>/checklist.xml}: moves it into the cache when its
   * sha256 is right (else exits 3 before scanning, see {@link ContentCache}) and scans.
   */
  static String afterUpload(ScanRequest request, Preflight.Facts facts, boolean compress) {
    RunDirectory.Prepared prepared = facts.prepared();
    String cached = prepared.cachedChecklist();
    if (cached == null) {
      // the preflight of a remote run prints its cache directory before its run directory
      throw new IllegalStateException(
          "an upload without a content cache on " + request.targetName());
    }
    return "umask 077\nt="
        + Shell.quote(prepared.runDir())
        + "\np="
        + Shell.quote(facts.oscapPath())
        + "\ns="
        + (facts.useSudo() ? "'sudo -n'" : "")
        + "\nf="
        + Shell.quote(cached)
        + "\n"
        + ContentCache.install(request, prepared.runDir() + "/" + STAGED)
        + scanStep(request, compress);
  }

  /**
   * The lines that write the request's tailoring file into the run directory, gzip'd and base64'd
   * in the script (a few KiB: no upload, no extra round trip); empty without a tailoring.
   */
  private static String tailoringFile(ScanRequest request) {
    if (request.tailoring() == null) {
      return "";
    }
    java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(packed)) {
      z.write(request.tailoring().document().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    String b64 = java.util.Base64.getEncoder().encodeToString(packed.toByteArray());
    return "printf '%s' "
        + Shell.quote(b64)
        + " | base64 -d | gzip -dc > \"$t/"
        + OscapCommand.TAILORING
        + "\" || { echo 'cannot write the tailoring file on the target' >&2; exit 1; }\n";
  }

  private static String scanStep(ScanRequest request, boolean compress) {
    String oscap =
        RemoteCommand.wrapWithArgs(OscapCommand.eval(request), "\"$t\" \"$f\" \"$p\" \"$s\"", "$s");
    String pack = compress ? "    if gzip -1 -c \"$t/$n\" > \"$t/$n.gz\"; then n=$n.gz; fi\n" : "";
    return tailoringFile(request)
        + String.join(
            "\n",
            "echo " + SCANNING,
            "\"$p\" --version > \"$t/version\" 2>&1 &",
            "v=$!",
            oscap,
            "rc=$?",
            "wait $v",
            // the first line of oscap --version, read by the shell itself (no process)
            "r=; { read -r r < \"$t/version\"; } 2>/dev/null",
            "printf '\\n" + VERSION + "%s\\n' \"$r\"",
            // the target's OS as /etc/os-release names it, for the server's OS field
            "printf '" + OS + "%s\\n' \"$(. /etc/os-release 2>/dev/null; echo \"$PRETTY_NAME\")\"",
            "if [ $rc = 0 ] || [ $rc = 2 ]; then",
            "  if [ -s \"$t/"
                + OscapCommand.ARF
                + "\" ] && [ -s \"$t/"
                + OscapCommand.REPORT
                + "\" ]; then",
            "    echo " + RESULTS,
            "    for n in " + OscapCommand.ARF + " " + OscapCommand.REPORT + "; do",
            pack
                + "    z=$(wc -c < \"$t/$n\") && echo \""
                + FILE
                + "$n $z\" && cat \"$t/$n\" || break",
            "    done",
            "  else echo " + OscapCommand.RESULTS_MISSING + "; fi",
            "fi",
            "cd / && rm -rf -- \"$t\" 2>/dev/null; [ -e \"$t\" ] || echo " + CLEANED,
            "exit $rc",
            "");
  }
}
