package dev.vigil.scanning;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the last {@code limit} bytes of a command's stderr and takes out the wrappers' {@code
 * vigil-pgid:<n>} lines, completing {@link #pgid()} with the first.
 */
final class StderrTail extends OutputStream {

  private static final int MAX_LINE = 256;

  private final byte[] ring;
  private long written;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final CompletableFuture<Long> pgid = new CompletableFuture<>();
  private final List<Long> groups = new ArrayList<>();

  StderrTail(int limit) {
    ring = new byte[limit];
  }

  CompletableFuture<Long> pgid() {
    return pgid;
  }

  /**
   * Every process group reported so far, the first one first: a scan script reports its own group
   * and then the group its oscap step runs in (through sudo in sudo mode).
   */
  synchronized List<Long> groups() {
    return List.copyOf(groups);
  }

  @Override
  public synchronized void write(int b) {
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
        long group = Long.parseLong(text.substring(RemoteCommand.PGID_MARKER.length()));
        groups.add(group);
        pgid.complete(group);
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
