package dev.vigil.packages;

import dev.vigil.scap.content.ScapContentException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Validates a checklist file while its package is indexed, so content {@code oscap} would refuse is
 * found then and not at every scan: {@code oscap ds sds-validate} (datastreams) or {@code oscap
 * xccdf validate} (XCCDF benchmarks) when oscap is on the Vigil host, bounded in time; otherwise —
 * or past the time limit — Vigil's own {@link DatastreamStructure} check.
 */
@Component
class ContentValidation {

  private static final Logger log = LoggerFactory.getLogger(ContentValidation.class);
  private static final int MESSAGE_LINES = 3;
  private static final int MESSAGE_CHARS = 1500;
  private static final int OUTPUT_BYTES = 64 * 1024;

  private final ValidationSettings settings;
  private final @Nullable String oscap;

  ContentValidation(ValidationSettings settings) {
    this.settings = settings;
    this.oscap = locate(settings.oscap());
    log.info(
        "Checklists are validated at indexing with {}",
        oscap == null ? "Vigil's own datastream structure check (no oscap)" : oscap);
  }

  /** A problem found in a checklist file, saying which check found it. */
  record Problem(String check, String message) {
    @Override
    public String toString() {
      return message + " (" + check + ")";
    }
  }

  /** The problem found in {@code file} ({@code path} in messages), null when it is valid. */
  @Nullable Problem check(Path file, String path, boolean datastream) {
    if (oscap != null) {
      List<String> command =
          datastream
              ? List.of(oscap, "ds", "sds-validate", file.toString())
              : List.of(oscap, "xccdf", "validate", file.toString());
      try {
        return withOscap(command, file, path);
      } catch (TimedOut e) {
        log.warn(
            "{} of {} did not finish in {}; Vigil's own check decides",
            String.join(" ", command.subList(1, 3)),
            path,
            settings.timeout());
      } catch (IOException e) {
        log.warn("cannot run {} on {}: {}; Vigil's own check decides", oscap, path, e.toString());
      }
    }
    return datastream ? own(file) : null;
  }

  private @Nullable Problem withOscap(List<String> command, Path file, String path)
      throws IOException, TimedOut {
    Path out = Files.createTempFile(file.toAbsolutePath().getParent(), "validate-", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!p.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new TimedOut();
      }
      if (p.exitValue() == 0) {
        return null;
      }
      String check = "oscap " + String.join(" ", command.subList(1, 3));
      return new Problem(check, message(out, file, path, p.exitValue()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while validating " + path, e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String message(Path out, Path file, String path, int exit) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(out)) {
      head = in.readNBytes(OUTPUT_BYTES);
    }
    String text = new String(head, StandardCharsets.UTF_8).replace(file.toString(), path);
    String lines =
        text.lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .limit(MESSAGE_LINES)
            .collect(Collectors.joining(" | "));
    if (lines.isEmpty()) {
      lines = "exited " + exit + " without a message";
    }
    return lines.length() > MESSAGE_CHARS ? lines.substring(0, MESSAGE_CHARS) + "…" : lines;
  }

  private static @Nullable Problem own(Path file) {
    try {
      String problem = DatastreamStructure.problem(file);
      return problem == null ? null : new Problem("Vigil's datastream structure check", problem);
    } catch (ScapContentException e) {
      return new Problem("Vigil's datastream structure check", String.valueOf(e.getMessage()));
    }
  }

  /** The oscap executable, or null when there is none. */
  private static @Nullable String locate(@Nullable String command) {
    if (command == null || command.isBlank() || command.equals("none")) {
      return null;
    }
    if (command.contains("/")) {
      return Files.isExecutable(Path.of(command)) ? command : null;
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return Path.of(dir, command).toString();
      }
    }
    return null;
  }

  /** oscap did not finish in time. */
  private static final class TimedOut extends Exception {
    TimedOut() {
      super(null, null, false, false);
    }
  }
}
