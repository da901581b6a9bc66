package dev.vigil.scanning;

import java.io.OutputStream;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where a command's stdout goes: the first {@link CommandRun#STDOUT_LIMIT} bytes into the result,
 * or, with a listener, line by line to the listener as it arrives and nothing into the result, or
 * raw to a stream of the caller's.
 */
final class CommandOutput {

  private final @Nullable HeadBuffer head;
  private final @Nullable StdoutLines lines;
  private final OutputStream stream;

  CommandOutput(@Nullable Consumer<String> listener) {
    if (listener == null) {
      HeadBuffer h = new HeadBuffer(CommandRun.STDOUT_LIMIT);
      this.head = h;
      this.lines = null;
      this.stream = h;
    } else {
      StdoutLines l = new StdoutLines(listener);
      this.head = null;
      this.lines = l;
      this.stream = l;
    }
  }

  private CommandOutput(OutputStream raw) {
    this.head = null;
    this.lines = null;
    this.stream = raw;
  }

  /** Every byte of stdout to {@code raw} as it arrives, nothing into the result. */
  static CommandOutput raw(OutputStream raw) {
    return new CommandOutput(raw);
  }

  OutputStream stream() {
    return stream;
  }

  /**
   * Ends the output (a last line without newline reaches the listener) and returns the kept text.
   */
  String text() {
    if (head != null) {
      return head.text();
    }
    if (lines != null) {
      lines.close();
    }
    return "";
  }
}
