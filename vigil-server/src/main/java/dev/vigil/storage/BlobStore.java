package dev.vigil.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Content-addressed, gzip-compressed blob store in the database. Blobs are stored in 1 MiB chunks
 * so neither writing nor reading holds a whole blob in memory; the same bytes are stored once.
 */
@Service
public class BlobStore {

  static final int CHUNK = 1 << 20;

  /**
   * The deflate level of every blob: 3, the strongest of zlib's fast levels. On a scan's ARF
   * without its datastream (2.4 MB for Debian 11's SSG standard profile) it takes ~7 ms against ~24
   * ms for the default level 6, for 157 KB stored instead of 131 KB (1.9% of the raw ARF instead of
   * 1.6%).
   */
  public static final int LEVEL = 3;

  private static final java.time.Duration RACE_WAIT = java.time.Duration.ofSeconds(60);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionOperations savepoint;

  @Autowired
  BlobStore(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this(jdbc, clock, nested(transactions));
  }

  /** A store whose writes run without a savepoint (for plain-JDBC tests). */
  public BlobStore(JdbcClient jdbc, Clock clock) {
    this(jdbc, clock, TransactionOperations.withoutTransaction());
  }

  private BlobStore(JdbcClient jdbc, Clock clock, TransactionOperations savepoint) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.savepoint = savepoint;
  }

  /**
   * Stores the file's bytes (once per sha256) and returns the blob's address. Two transactions
   * storing the same bytes at once both succeed: the insert runs in a savepoint and the loser of
   * the race, finding the row already there, keeps the winner's copy.
   */
  public BlobRef put(Path file) {
    try (Prepared p = prepare(file)) {
      return put(p);
    }
  }

  /**
   * A file hashed and compressed, ready for {@link #put(Prepared)}: made outside any transaction,
   * so the transaction that stores it holds its connection and locks for the inserts only. The
   * compressed bytes are kept in memory for a file up to {@link #IN_MEMORY} bytes (no temporary
   * file to write and remove), else in a temporary file that closing it deletes.
   */
  public static final class Prepared implements AutoCloseable {
    private final String sha256;
    private final long size;
    private final long stored;
    private final @Nullable Path compressed;
    private final byte @Nullable [] bytes;

    /** The parts of a blob that repeats a shared segment, kept by reference; else null. */
    private final RecurringSegments.@Nullable Spliced spliced;

    private Prepared(
        String sha256, long size, long stored, @Nullable Path compressed, byte @Nullable [] bytes) {
      this(sha256, size, stored, compressed, bytes, null);
    }

    private Prepared(
        String sha256,
        long size,
        long stored,
        @Nullable Path compressed,
        byte @Nullable [] bytes,
        RecurringSegments.@Nullable Spliced spliced) {
      this.sha256 = sha256;
      this.size = size;
      this.stored = stored;
      this.compressed = compressed;
      this.bytes = bytes;
      this.spliced = spliced;
    }

    private InputStream open() throws IOException {
      if (bytes != null) {
        return new java.io.ByteArrayInputStream(bytes);
      }
      if (compressed == null) {
        throw new IllegalStateException("blob " + sha256 + " is spliced: it has no one stream");
      }
      return Files.newInputStream(compressed);
    }

    /** The address the blob will have. */
    public String sha256() {
      return sha256;
    }

    @Override
    public void close() {
      deleteQuietly(compressed);
    }
  }

  /** Files up to this size are compressed in memory by {@link #prepare}. */
  static final long IN_MEMORY = 16L << 20;

  /** Hashes and compresses the file; no database access. */
  public static Prepared prepare(Path file) {
    @Nullable Path compressed = null;
    try {
      long size = Files.size(file);
      if (size <= IN_MEMORY) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String sha256 = compress(file, out);
        byte[] gz = out.toByteArray();
        return new Prepared(sha256, size, gz.length, null, gz);
      }
      compressed = Files.createTempFile("vigil-blob", ".gz");
      String sha256 = compressTo(file, compressed);
      Prepared p = new Prepared(sha256, size, Files.size(compressed), compressed, null);
      compressed = null;
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress blob from " + file, e);
    } finally {
      deleteQuietly(compressed);
    }
  }

  /**
   * Hashes and compresses the file as {@link #prepare(Path)} does, splicing in the compressed copy
   * of its recurring segment ({@link RecurringSegments}) when it is small enough to be read whole
   * ({@link #IN_MEMORY}); a larger file is compressed as a whole. {@link #put(Prepared)} stores the
   * segment's blocks once ({@code blob_segments}) and the blob's chunks refer to them, so a blob
   * stores only what is its own ({@code stored_bytes} counts that). No database access.
   */
  public static Prepared prepare(Path file, RecurringSegments segments) {
    try {
      if (Files.size(file) > IN_MEMORY) {
        return prepare(file);
      }
      byte[] bytes = Files.readAllBytes(file);
      String sha256 = sha256Of(bytes);
      RecurringSegments.Spliced spliced = segments.splice(bytes);
      if (spliced.shared() == null) {
        byte[] gz = spliced.gzip();
        return new Prepared(sha256, bytes.length, gz.length, null, gz);
      }
      long own = spliced.head().length + (long) spliced.tail().length;
      return new Prepared(sha256, bytes.length, own, null, null, spliced);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress blob from " + file, e);
    }
  }

  /** The lowercase hex sha256 of the bytes. */
  static String sha256Of(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** Stores a prepared blob (once per sha256) and returns its address; the caller closes it. */
  public BlobRef put(Prepared p) {
    Optional<BlobRef> there = stored(p.sha256);
    if (there.isPresent()) {
      return there.get();
    }
    if (p.spliced != null) {
      storeSegment(sharedOf(p.spliced));
    }
    try {
      savepoint.executeWithoutResult(s -> insert(p));
    } catch (DuplicateKeyException | QueryTimeoutException | PessimisticLockingFailureException e) {
      return awaitCommitted(p.sha256);
    }
    return new BlobRef(p.sha256, p.size, p.stored);
  }

  private void insert(Prepared p) {
    jdbc.sql(
            "insert into blobs (sha256, size_bytes, stored_bytes, encoding, created_at)"
                + " values (?, ?, ?, 'gzip', ?)")
        .params(p.sha256, p.size, p.stored, OffsetDateTime.now(clock))
        .update();
    if (p.spliced != null) {
      writeSpliced(p.sha256, p.spliced);
      return;
    }
    try (InputStream in = p.open()) {
      writeChunks(p.sha256, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob " + p.sha256, e);
    }
  }

  /**
   * Stores a shared segment's blocks unless they are there, in the caller's transaction. Looked up
   * every time, not remembered by the node: a database restored from a backup, or H2 after its disk
   * filled up, may have lost a segment the node saw committed, and every recording would then fail
   * on its reference. The insert (rare: once per segment) runs in a savepoint, so a concurrent
   * first copy only makes this one wait or step aside.
   */
  private void storeSegment(RecurringSegments.Shared shared) {
    boolean there =
        !jdbc.sql("select sha256 from blob_segments where sha256 = ?")
            .param(shared.sha256())
            .query(String.class)
            .list()
            .isEmpty();
    if (there) {
      return;
    }
    try {
      savepoint.executeWithoutResult(
          s ->
              jdbc.sql(
                      "insert into blob_segments (sha256, data, size_bytes, created_at)"
                          + " select ?, ?, ?, ? where not exists"
                          + " (select 1 from blob_segments where sha256 = ?)")
                  .params(
                      shared.sha256(),
                      shared.deflated(),
                      shared.deflated().length,
                      OffsetDateTime.now(clock),
                      shared.sha256())
                  .update());
    } catch (DuplicateKeyException e) {
      // another transaction stored it first: this blob's chunks refer to that copy
    }
  }

  /**
   * The chunks of a blob that repeats a shared segment: its own bytes before the segment, one chunk
   * referring to the segment, its own bytes after; in one statement when they are few.
   */
  private void writeSpliced(String sha256, RecurringSegments.Spliced spliced) {
    List<byte[]> data = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    split(spliced.head(), data, refs);
    data.add(null);
    refs.add(sharedOf(spliced).sha256());
    split(spliced.tail(), data, refs);
    StringBuilder sql =
        new StringBuilder("insert into blob_chunks (sha256, seq, data, segment_sha256) values ");
    List<Object> params = new ArrayList<>();
    for (int seq = 0; seq < data.size(); seq++) {
      sql.append(seq == 0 ? "" : ", ")
          .append(data.get(seq) == null ? "(?, ?, null, ?)" : "(?, ?, ?, null)");
      params.add(sha256);
      params.add(seq);
      params.add(data.get(seq) == null ? refs.get(seq) : data.get(seq));
    }
    jdbc.sql(sql.toString()).params(params).update();
  }

  /** The segment a spliced blob repeats: {@link #prepare} splices only a blob that has one. */
  private static RecurringSegments.Shared sharedOf(RecurringSegments.Spliced spliced) {
    RecurringSegments.Shared shared = spliced.shared();
    if (shared == null) {
      throw new IllegalStateException("a spliced blob without its shared segment");
    }
    return shared;
  }

  /** Adds the bytes as chunks of at most {@link #CHUNK} (none when empty). */
  private static void split(byte[] bytes, List<byte[]> data, List<String> refs) {
    for (int from = 0; from < bytes.length; from += CHUNK) {
      data.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK)));
      refs.add(null);
    }
  }

  /**
   * Waits for another transaction's copy of the same blob to commit. PostgreSQL makes the losing
   * insert wait, then refuses it; H2 may give up waiting for the row lock first, so the row may not
   * be visible yet.
   */
  private BlobRef awaitCommitted(String sha256) {
    long deadline = System.nanoTime() + RACE_WAIT.toNanos();
    while (!exists(sha256)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "blob " + sha256 + " is being stored by another transaction that did not commit");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for blob " + sha256, e);
      }
    }
    return find(sha256);
  }

  private static TransactionOperations nested(PlatformTransactionManager transactions) {
    TransactionTemplate t = new TransactionTemplate(transactions);
    t.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    return t;
  }

  /** True when a blob with this address is stored. */
  public boolean exists(String sha256) {
    return jdbc.sql("select count(*) from blobs where sha256 = ?")
            .param(sha256)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The stored blob's sizes. */
  public BlobRef find(String sha256) {
    return stored(sha256).orElseThrow(() -> new BlobNotFoundException(sha256));
  }

  /** The stored blob's sizes, or empty when there is none (one query: no exists-then-find). */
  private Optional<BlobRef> stored(String sha256) {
    return jdbc.sql("select sha256, size_bytes, stored_bytes from blobs where sha256 = ?")
        .param(sha256)
        .query((rs, n) -> new BlobRef(rs.getString(1), rs.getLong(2), rs.getLong(3)))
        .optional();
  }

  /** Opens the original bytes of a blob; the caller closes the stream. */
  public InputStream open(String sha256) {
    BlobRef ref = find(sha256);
    int chunks =
        jdbc.sql("select count(*) from blob_chunks where sha256 = ?")
            .param(ref.sha256())
            .query(Integer.class)
            .single();
    try {
      return new GZIPInputStream(new ChunkInputStream(jdbc, sha256, chunks), 64 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read blob " + sha256, e);
    }
  }

  /** Copies a blob's original bytes to a file. */
  public void copyTo(String sha256, Path target) {
    try (InputStream in = open(sha256);
        OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy blob " + sha256 + " to " + target, e);
    }
  }

  /** Deletes a blob; callers make sure nothing references it any more. */
  @Transactional
  public void delete(String sha256) {
    jdbc.sql("delete from blob_chunks where sha256 = ?").param(sha256).update();
    jdbc.sql("delete from blobs where sha256 = ?").param(sha256).update();
  }

  /**
   * Deletes a blob nothing references any more and returns its sizes; empty when it is already
   * gone. A blob a row still references through a foreign key is refused by the database (a {@code
   * DataIntegrityViolationException}): the caller's transaction is rolled back and the blob kept.
   */
  @Transactional
  public Optional<BlobRef> free(String sha256) {
    Optional<BlobRef> ref =
        jdbc.sql("select sha256, size_bytes, stored_bytes from blobs where sha256 = ? for update")
            .param(sha256)
            .query((rs, n) -> new BlobRef(rs.getString(1), rs.getLong(2), rs.getLong(3)))
            .optional();
    if (ref.isPresent()) {
      delete(sha256);
    }
    return ref;
  }

  /** Computes the lowercase hex sha256 of a file. */
  public static String sha256Of(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
  }

  private static String compressTo(Path source, Path target) throws IOException {
    return compress(source, Files.newOutputStream(target));
  }

  /** Gzips the file into {@code sink} (closed) and returns the sha256 of the file's bytes. */
  private static String compress(Path source, OutputStream sink) throws IOException {
    MessageDigest digest = sha256();
    try (OutputStream closing = sink;
        InputStream in = new DigestInputStream(Files.newInputStream(source), digest);
        OutputStream out = gzip(closing)) {
      in.transferTo(out);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A gzip stream at {@link #LEVEL}. */
  private static OutputStream gzip(OutputStream sink) throws IOException {
    return new GZIPOutputStream(sink, 64 * 1024) {
      {
        def.setLevel(LEVEL);
      }
    };
  }

  /** Writes a blob's bytes to the stream it is given. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Hashes and compresses what {@code content} writes, in memory (for blobs made on the fly, a few
   * MB at most, such as an ARF without its datastream); no database access, no temporary file.
   */
  public static Prepared prepare(Content content) {
    MessageDigest digest = sha256();
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    long[] size = {0};
    try (OutputStream zip = gzip(gz);
        OutputStream out =
            new java.io.FilterOutputStream(new java.security.DigestOutputStream(zip, digest)) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                size[0] += len;
                this.out.write(b, off, len);
              }

              @Override
              public void write(int b) throws IOException {
                size[0]++;
                this.out.write(b);
              }
            }) {
      content.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress a blob", e);
    }
    byte[] bytes = gz.toByteArray();
    return new Prepared(
        HexFormat.of().formatHex(digest.digest()), size[0], bytes.length, null, bytes);
  }

  private void writeChunks(String sha256, InputStream in) throws IOException {
    int seq = 0;
    byte[] chunk;
    while ((chunk = in.readNBytes(CHUNK)).length > 0) {
      jdbc.sql("insert into blob_chunks (sha256, seq, data) values (?, ?, ?)")
          .params(sha256, seq++, chunk)
          .update();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static void deleteQuietly(@Nullable Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }
}
