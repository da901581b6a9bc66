package dev.vigil.scanning;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes written to it and drops the rest. */
final class HeadBuffer extends OutputStream {

  private final int limit;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

  HeadBuffer(int limit) {
    this.limit = limit;
  }

  @Override
  public synchronized void write(int b) {
    if (kept.size() < limit) {
      kept.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int room = Math.min(len, limit - kept.size());
    if (room > 0) {
      kept.write(b, off, room);
    }
  }

  synchronized String text() {
    return kept.toString(StandardCharsets.UTF_8);
  }
}
