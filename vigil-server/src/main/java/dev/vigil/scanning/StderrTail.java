package dev.vigil.scanning;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the last {@code limit} bytes of a command's stderr and takes out the wrapper's {@code
 * vigil-pgid:<n>} line, completing {@link #pgid()} with it.
 */
final class StderrTail extends OutputStream {

  private static final int MAX_LINE = 256;

  private final byte[] ring;
  private long written;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final CompletableFuture<Long> pgid = new CompletableFuture<>();

  StderrTail(int limit) {
    ring = new byte[limit];
  }

  CompletableFuture<Long> pgid() {
    return pgid;
  }

  @Override
  public synchronized void write(int b) {
    if (pgid.isDone()) {
      keep((byte) b);
      return;
    }
    line.write(b);
    if (b == '\n' || line.size() >= MAX_LINE) {
      endLine();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  synchronized String text() {
    int size = (int) Math.min(written, ring.length);
    byte[] out = new byte[size];
    int start = (int) ((written - size) % ring.length);
    for (int i = 0; i < size; i++) {
      out[i] = ring[(start + i) % ring.length];
    }
    return new String(out, StandardCharsets.UTF_8) + line.toString(StandardCharsets.UTF_8);
  }

  private void endLine() {
    String text = line.toString(StandardCharsets.US_ASCII).strip();
    byte[] bytes = line.toByteArray();
    line.reset();
    if (text.startsWith(RemoteCommand.PGID_MARKER)) {
      try {
        pgid.complete(Long.parseLong(text.substring(RemoteCommand.PGID_MARKER.length())));
        return;
      } catch (NumberFormatException notOurs) {
        // an ordinary line that happens to start like the marker
      }
    }
    for (byte b : bytes) {
      keep(b);
    }
  }

  private void keep(byte b) {
    ring[(int) (written % ring.length)] = b;
    written++;
  }
}
