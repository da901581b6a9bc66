package dev.vigil.scanning;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a command's stdout to a listener line by line as it arrives, keeping nothing but the line
 * being written: a line longer than {@link #MAX_LINE} bytes is cut there (the rest of it dropped).
 * The trailing {@code \r} of a line and its {@code \n} are not part of it; the line is made inert
 * ({@link TargetText}).
 */
final class StdoutLines extends OutputStream {

  static final int MAX_LINE = 4096;
  private static final Logger log = LoggerFactory.getLogger(StdoutLines.class);

  private final Consumer<String> listener;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean overlong;
  private boolean listenerFailed;

  StdoutLines(Consumer<String> listener) {
    this.listener = listener;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      endLine();
    } else if (line.size() < MAX_LINE) {
      line.write(b);
    } else {
      overlong = true;
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  /** Hands over a last line that had no newline; the command has ended. */
  @Override
  public synchronized void close() {
    if (line.size() > 0 || overlong) {
      endLine();
    }
  }

  private void endLine() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    overlong = false;
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      listener.accept(TargetText.inert(text));
    } catch (RuntimeException e) {
      if (!listenerFailed) {
        listenerFailed = true;
        log.warn("A stdout line listener failed; its later failures are not logged", e);
      }
    }
  }
}
