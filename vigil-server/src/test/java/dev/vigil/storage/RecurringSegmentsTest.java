package dev.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spliced gzip: one member that Java's and the system's gunzip read back byte for byte,
 * whatever the segment's place, with a segment reused only when its bytes are the same.
 */
class RecurringSegmentsTest {

  @TempDir Path dir;

  /** Finds the segment between the markers {@code <<} and {@code >>}. */
  static final RecurringSegments.Locator MARKED =
      bytes -> {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int from = s.indexOf("<<");
        int to = s.indexOf(">>");
        return from < 0 || to < from ? null : new int[] {from, to};
      };

  @Test
  void aFileWithItsSegmentInTheMiddleReadsBackWhole() throws Exception {
    RecurringSegments segments = new RecurringSegments(MARKED, 16);
    byte[] file = file("head ", asset(1, 300_000), " body of report one");
    byte[] gz = segments.gzip(file);
    assertThat(gunzip(gz)).isEqualTo(file);
    assertThat(systemGunzip(gz)).isEqualTo(file);
    assertThat(segments.cached()).isEqualTo(1);
  }

  @Test
  void theSegmentIsReusedForEqualBytesOnlyAndEveryFileReadsBack() throws Exception {
    RecurringSegments segments = new RecurringSegments(MARKED, 16);
    byte[] one = file("title one ", asset(1, 200_000), " results of one");
    byte[] two = file("title two, longer ", asset(1, 200_000), " other results");
    // the same length, one byte changed: must not be taken for the cached segment
    byte[] changed = asset(1, 200_000);
    changed[changed.length / 2] ^= 1;
    byte[] other = file("title one ", changed, " results of one");
    byte[] gzOne = segments.gzip(one);
    byte[] gzTwo = segments.gzip(two);
    byte[] gzOther = segments.gzip(other);
    assertThat(gunzip(gzOne)).isEqualTo(one);
    assertThat(gunzip(gzTwo)).isEqualTo(two);
    assertThat(gunzip(gzOther)).isEqualTo(other);
    assertThat(systemGunzip(gzOther)).isEqualTo(other);
    assertThat(segments.cached()).isEqualTo(1);
    assertThat(segments.gzip(one)).as("the same file compresses the same").isEqualTo(gzOne);
  }

  @Test
  void aSegmentAtEitherEndOrNoneReadsBack() throws Exception {
    RecurringSegments segments = new RecurringSegments(MARKED, 16);
    byte[] atStart = file("", asset(3, 70_000), " tail");
    byte[] atEnd = file("head ", asset(3, 70_000), "");
    byte[] only = file("", asset(3, 70_000), "");
    byte[] none = "no markers here at all".getBytes(StandardCharsets.US_ASCII);
    byte[] shortSegment = "a <<tiny>> segment".getBytes(StandardCharsets.US_ASCII);
    byte[] empty = new byte[0];
    for (byte[] f : new byte[][] {atStart, atEnd, only, none, shortSegment, empty}) {
      byte[] gz = segments.gzip(f);
      assertThat(gunzip(gz)).isEqualTo(f);
      assertThat(systemGunzip(gz)).isEqualTo(f);
    }
  }

  @Test
  void aPreparedBlobHashesTheFileAndKeepsItsSize() throws Exception {
    RecurringSegments segments = new RecurringSegments(MARKED, 16);
    byte[] bytes = file("head ", asset(4, 100_000), " body");
    Path f = Files.write(dir.resolve("report.html"), bytes);
    try (BlobStore.Prepared p = BlobStore.prepare(f, segments);
        BlobStore.Prepared plain = BlobStore.prepare(f)) {
      assertThat(p.sha256()).isEqualTo(BlobStore.sha256Of(f)).isEqualTo(plain.sha256());
    }
  }

  /** Text-like bytes (compressible, as CSS and JavaScript are) between the two markers. */
  static byte[] asset(long seed, int length) {
    Random r = new Random(seed);
    String[] words = {"color", "margin", "function", "return", "var", "{", "}", ";", "px", "0"};
    StringBuilder b = new StringBuilder(length + 16).append("<<");
    while (b.length() < length) {
      b.append(words[r.nextInt(words.length)]).append(r.nextInt(100)).append(' ');
    }
    return b.append(">>").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] file(String head, byte[] segment, String tail) {
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] t = tail.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = new byte[h.length + segment.length + t.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(segment, 0, out, h.length, segment.length);
    System.arraycopy(t, 0, out, h.length + segment.length, t.length);
    return out;
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  /** The system's gunzip, which checks the CRC and the length of the one member. */
  private byte[] systemGunzip(byte[] gz) throws Exception {
    Path f = Files.write(Files.createTempFile(dir, "blob", ".gz"), gz);
    Process p = new ProcessBuilder("gzip", "-dc", f.toString()).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    assertThat(err).isEmpty();
    return out;
  }
}
