package dev.vigil.storage;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * Gzip for files that repeat one long segment of other files byte for byte (oscap's HTML reports
 * embed the same ~220 KB of CSS and JavaScript in every report): the segment's deflate blocks are
 * made once per node and spliced between the blocks of the bytes before and after it, the way pigz
 * splices the blocks its threads compress. Each part is compressed by a fresh deflater and ends on
 * a full flush (byte-aligned, nothing referring back across the seam), so the result is one
 * ordinary gzip member that any gunzip reads; it is a little larger than one deflate of the whole
 * file, since the parts share no dictionary.
 *
 * <p>A segment is reused only when its bytes equal the cached ones; a node keeps at most {@link
 * #MAX_SEGMENTS} of them (one per oscap version of the fleet, in practice). The blob store keeps a
 * segment's blocks once for all the blobs that repeat it ({@link #splice}, {@code blob_segments}).
 */
public final class RecurringSegments {

  /** Segments kept per node; more are made afresh each time rather than cached. */
  static final int MAX_SEGMENTS = 8;

  /** Where a file's recurring segment lies. */
  @FunctionalInterface
  public interface Locator {
    /** {@code {from, to}} of the segment in {@code bytes}, or null when the file has none. */
    int @Nullable [] locate(byte[] bytes);
  }

  /**
   * One segment: its bytes, their deflate blocks (fresh dictionary, ending on a full flush) and the
   * sha256 of those blocks, under which the blob store keeps them once ({@code blob_segments}).
   */
  private record Segment(byte[] raw, byte[] deflated, String sha256) {}

  /**
   * A file's gzip member in three parts: the header and the blocks before the segment, the
   * segment's shared blocks (null when the file has none), the blocks after it and the trailer.
   */
  record Spliced(byte[] head, @Nullable Shared shared, byte[] tail) {

    /** The whole gzip member. */
    byte[] gzip() {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(
              head.length + tail.length + (shared == null ? 0 : shared.deflated().length));
      out.writeBytes(head);
      if (shared != null) {
        out.writeBytes(shared.deflated());
      }
      out.writeBytes(tail);
      return out.toByteArray();
    }
  }

  /** A segment's deflate blocks, shared by every file that repeats it, and their sha256. */
  record Shared(String sha256, byte[] deflated) {}

  private final Locator locator;
  private final int minLength;
  private final Map<Integer, Segment> byLength = new ConcurrentHashMap<>();

  /**
   * @param locator finds the segment in a file
   * @param minLength segments shorter than this are compressed with the rest (not worth a seam)
   */
  public RecurringSegments(Locator locator, int minLength) {
    this.locator = locator;
    this.minLength = minLength;
  }

  /** The gzip of {@code bytes}: one member, its recurring segment spliced in when it has one. */
  byte[] gzip(byte[] bytes) {
    return splice(bytes).gzip();
  }

  /**
   * The gzip member of {@code bytes} in its parts, the recurring segment's apart when it has one.
   */
  Spliced splice(byte[] bytes) {
    int[] span = locator.locate(bytes);
    ByteArrayOutputStream head = new ByteArrayOutputStream(bytes.length / 4 + 64);
    header(head);
    ByteArrayOutputStream tail;
    @Nullable Shared shared = null;
    if (span == null
        || span[0] < 0
        || span[1] > bytes.length
        || span[1] - span[0] < Math.max(1, minLength)) {
      deflate(bytes, 0, bytes.length, true, head);
      tail = new ByteArrayOutputStream(8);
    } else {
      deflate(bytes, 0, span[0], false, head);
      Segment segment = segment(bytes, span[0], span[1]);
      shared = new Shared(segment.sha256(), segment.deflated());
      tail = new ByteArrayOutputStream((bytes.length - span[1]) / 4 + 64);
      deflate(bytes, span[1], bytes.length, true, tail);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length);
    littleEndian(tail, (int) crc.getValue());
    littleEndian(tail, bytes.length);
    return new Spliced(head.toByteArray(), shared, tail.toByteArray());
  }

  /** How many segments this node keeps compressed now. */
  int cached() {
    return byLength.size();
  }

  private Segment segment(byte[] bytes, int from, int to) {
    int length = to - from;
    Segment known = byLength.get(length);
    if (known != null && Arrays.equals(known.raw(), 0, length, bytes, from, to)) {
      return known;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 64);
    deflate(bytes, from, to, false, out);
    byte[] deflated = out.toByteArray();
    Segment made =
        new Segment(Arrays.copyOfRange(bytes, from, to), deflated, BlobStore.sha256Of(deflated));
    if (byLength.size() >= MAX_SEGMENTS && !byLength.containsKey(length)) {
      byLength.clear();
    }
    byLength.put(length, made);
    return made;
  }

  /**
   * Raw deflate of {@code bytes[from, to)} by a fresh deflater: the final block when {@code last},
   * else blocks ended by a full flush (byte-aligned, the next part may follow).
   */
  private static void deflate(
      byte[] bytes, int from, int to, boolean last, ByteArrayOutputStream out) {
    Deflater d = new Deflater(BlobStore.LEVEL, true);
    try {
      d.setInput(bytes, from, to - from);
      if (last) {
        d.finish();
      }
      byte[] buf = new byte[64 * 1024];
      while (true) {
        int n = d.deflate(buf, 0, buf.length, last ? Deflater.NO_FLUSH : Deflater.FULL_FLUSH);
        out.write(buf, 0, n);
        if (last ? d.finished() : n < buf.length) {
          return;
        }
      }
    } finally {
      d.end();
    }
  }

  /** A gzip header: deflate, no name, no time, unknown OS (as {@code GZIPOutputStream} writes). */
  private static void header(ByteArrayOutputStream out) {
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
  }

  private static void littleEndian(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
