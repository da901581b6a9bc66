package dev.vigil.scanning;

import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Where a command's stdout goes: the first {@link CommandRun#STDOUT_LIMIT} bytes into the result,
 * or, with a listener, line by line to the listener as it arrives and nothing into the result, or
 * raw to a stream of the caller's.
 */
final class CommandOutput {

  private final HeadBuffer head;
  private final StdoutLines lines;
  private final OutputStream raw;

  CommandOutput(Consumer<String> listener) {
    this.head = listener == null ? new HeadBuffer(CommandRun.STDOUT_LIMIT) : null;
    this.lines = listener == null ? null : new StdoutLines(listener);
    this.raw = null;
  }

  private CommandOutput(OutputStream raw) {
    this.head = null;
    this.lines = null;
    this.raw = raw;
  }

  /** Every byte of stdout to {@code raw} as it arrives, nothing into the result. */
  static CommandOutput raw(OutputStream raw) {
    return new CommandOutput(raw);
  }

  OutputStream stream() {
    return raw != null ? raw : head != null ? head : lines;
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
