package dev.vigil.scanning;

import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Where a command's stdout goes: the first {@link CommandRun#STDOUT_LIMIT} bytes into the result,
 * or, with a listener, line by line to the listener as it arrives and nothing into the result.
 */
final class CommandOutput {

  private final HeadBuffer head;
  private final StdoutLines lines;

  CommandOutput(Consumer<String> listener) {
    this.head = listener == null ? new HeadBuffer(CommandRun.STDOUT_LIMIT) : null;
    this.lines = listener == null ? null : new StdoutLines(listener);
  }

  OutputStream stream() {
    return head != null ? head : lines;
  }

  /**
   * Ends the output (a last line without newline reaches the listener) and returns the kept text.
   */
  String text() {
    if (head != null) {
      return head.text();
    }
    lines.close();
    return "";
  }
}
