package dev.vigil.results;

import dev.vigil.scap.arf.EmbeddedDatastream;
import dev.vigil.scap.arf.EmbeddedDatastream.Span;
import dev.vigil.scap.content.ScapContentException;
import dev.vigil.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores a scan's ARF without the copy of the source datastream oscap embeds in it: the datastream
 * is cut out at the byte level and replaced by a reference element, and the bytes cut out are kept
 * once as a blob shared by every scan that embeds them, when {@link DatastreamCopies} confirms they
 * are the package's checklist. Otherwise the ARF is stored whole. A download puts the exact bytes
 * back, so the ARF comes back byte for byte as oscap wrote it.
 */
@Component
class ArfStore {

  static final String MARKER_NS = "https://vigil.dev/ns/arf-storage/1";
  private static final Logger log = LoggerFactory.getLogger(ArfStore.class);

  private final BlobStore blobs;
  private final DatastreamCopies copies;

  ArfStore(BlobStore blobs, DatastreamCopies copies) {
    this.blobs = blobs;
    this.copies = copies;
  }

  /**
   * Checks the ARF's structure (no DOCTYPE, well-formed elements) before anything is written.
   *
   * @throws InvalidArfException naming what is wrong
   */
  Optional<Span> locate(NewScan s) {
    try {
      return EmbeddedDatastream.locate(s.arfFile());
    } catch (ScapContentException e) {
      throw new InvalidArfException("the ARF of this scan is refused: " + e.getMessage(), e);
    }
  }

  /**
   * The ARF's blob made ahead of the transaction that records the scan (no database write): the ARF
   * without its datastream, as {@link #store(NewScan, Prepared)} stores it when the datastream is
   * the shared copy, else the whole ARF; hashed and compressed. The caller closes it.
   */
  Prepared prepare(NewScan s) {
    Optional<Span> span = locate(s);
    long size = size(s.arfFile());
    if (span.isEmpty() || !copies.mayShare(s)) {
      return new Prepared(span, size, null, BlobStore.prepare(s.arfFile()));
    }
    Span ds = span.get();
    try {
      String sha = DatastreamCopies.sha256(s.arfFile(), ds);
      byte[] marker = marker(s, sha, ds.length());
      // the ARF without its datastream (a fraction of it) is cut and compressed in memory
      return new Prepared(
          span, size, sha, BlobStore.prepare(out -> writeWithout(s.arfFile(), ds, marker, out)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the ARF " + s.arfFile(), e);
    }
  }

  /**
   * An ARF located and its blob compressed ahead of the recording.
   *
   * @param datastreamSha256 the sha256 of the embedded datastream the blob was stripped of; null
   *     when the blob is the whole ARF
   */
  record Prepared(Optional<Span> span, long size, String datastreamSha256, BlobStore.Prepared blob)
      implements AutoCloseable {
    @Override
    public void close() {
      blob.close();
    }
  }

  /**
   * Stores the prepared ARF within the caller's transaction: its blob as made when the datastream
   * turns out as expected (the shared copy, or none), else the ARF is stored whole, compressed now.
   */
  StoredArf store(NewScan s, Prepared p) {
    if (p.span().isEmpty()) {
      log.info("storing the ARF of {} whole: {}", s.serverName(), "it embeds no datastream");
      return new StoredArf(blobs.put(p.blob()).sha256(), null, null, null, p.size());
    }
    Span ds = p.span().get();
    DatastreamCopies.Outcome copy = copies.shared(s, ds, p.datastreamSha256());
    if (copy.sha256() == null) {
      log.info("storing the ARF of {} whole: {}", s.serverName(), copy.reason());
      String arf =
          p.datastreamSha256() == null
              ? blobs.put(p.blob()).sha256()
              : blobs.put(s.arfFile()).sha256();
      return new StoredArf(arf, null, null, null, p.size());
    }
    if (!copy.sha256().equals(p.datastreamSha256())) {
      // not prepared stripped (the checklist's kind was not known as a datastream then)
      return store(s, p.span());
    }
    String arf = blobs.put(p.blob()).sha256();
    return new StoredArf(
        arf, copy.sha256(), ds.start(), marker(s, copy.sha256(), ds.length()).length, p.size());
  }

  /** Stores the ARF, without its datastream when that is the package's; within the caller's tx. */
  StoredArf store(NewScan s, Optional<Span> span) {
    long size = size(s.arfFile());
    if (span.isEmpty()) {
      return whole(s, size, "it embeds no datastream");
    }
    Span ds = span.get();
    DatastreamCopies.Outcome copy = copies.shared(s, ds);
    if (copy.sha256() == null) {
      return whole(s, size, copy.reason());
    }
    byte[] marker = marker(s, copy.sha256(), ds.length());
    Path stripped = null;
    try {
      stripped = Files.createTempFile("vigil-arf", ".xml");
      writeWithout(s.arfFile(), ds, marker, stripped);
      String arf = blobs.put(stripped).sha256();
      return new StoredArf(arf, copy.sha256(), ds.start(), marker.length, size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the ARF " + s.arfFile(), e);
    } finally {
      deleteQuietly(stripped);
    }
  }

  /** The ARF as oscap wrote it; the caller closes the stream. */
  InputStream open(String arfSha256, ScanStorage st) {
    if (!st.datastreamCutOut()) {
      return blobs.open(arfSha256);
    }
    InputStream stripped = blobs.open(arfSha256);
    return new SequenceInputStream(
        java.util.Collections.enumeration(
            List.of(
                new Bounded(stripped, st.datastreamOffset(), false),
                new Lazy(() -> blobs.open(st.datastreamSha256())),
                new Bounded(stripped, st.markerLength(), true))));
  }

  private StoredArf whole(NewScan s, long size, String reason) {
    log.info("storing the ARF of {} whole: {}", s.serverName(), reason);
    return new StoredArf(blobs.put(s.arfFile()).sha256(), null, null, null, size);
  }

  private static byte[] marker(NewScan s, String sha256, long length) {
    return ("<vigil:datastream-ref xmlns:vigil=\""
            + MARKER_NS
            + "\" sha256=\""
            + sha256
            + "\" bytes=\""
            + length
            + "\" package-version-id=\""
            + s.packageVersionId()
            + "\" checklist-path=\""
            + escape(s.checklistPath())
            + "\"/>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void writeWithout(Path arf, Span ds, byte[] marker, Path target)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(target)) {
      writeWithout(arf, ds, marker, out);
    }
  }

  private static void writeWithout(Path arf, Span ds, byte[] marker, OutputStream out)
      throws IOException {
    try (FileChannel in = FileChannel.open(arf, StandardOpenOption.READ)) {
      copy(in, 0, ds.start(), out);
      out.write(marker);
      copy(in, ds.end(), in.size() - ds.end(), out);
    }
  }

  private static void copy(FileChannel in, long from, long count, OutputStream out)
      throws IOException {
    DatastreamCopies.copyRange(in, from, count, out);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ARF " + file, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      if (p != null) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }

  /**
   * The next {@code limit} bytes of a stream, or with {@code skip}, the rest after skipping them.
   */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;
    private final boolean skip;

    Bounded(InputStream in, long limit, boolean skip) {
      this.in = in;
      this.left = limit;
      this.skip = skip;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (skip) {
        while (left > 0) {
          long n = in.skip(left);
          if (n <= 0) {
            if (in.read() < 0) {
              throw new IOException("stored ARF ends inside its datastream reference");
            }
            n = 1;
          }
          left -= n;
        }
        return in.read(b, off, len);
      }
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new IOException("stored ARF ends before its datastream reference");
      }
      left -= n;
      return n;
    }

    /** Only the suffix closes the stored stream: the prefix shares it. */
    @Override
    public void close() throws IOException {
      if (skip) {
        in.close();
      }
    }
  }

  /** A stream opened on first read, so that the blob is only queried when reached. */
  private static final class Lazy extends InputStream {
    private final java.util.function.Supplier<InputStream> opener;
    private InputStream in;

    Lazy(java.util.function.Supplier<InputStream> opener) {
      this.opener = opener;
    }

    private InputStream in() {
      if (in == null) {
        in = opener.get();
      }
      return in;
    }

    @Override
    public int read() throws IOException {
      return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }
}
