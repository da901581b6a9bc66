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
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
    Path compressed = null;
    try {
      compressed = Files.createTempFile("vigil-blob", ".gz");
      String sha256 = compressTo(file, compressed);
      long size = Files.size(file);
      long stored = Files.size(compressed);
      Optional<BlobRef> there = stored(sha256);
      if (there.isPresent()) {
        return there.get();
      }
      Path gz = compressed;
      try {
        savepoint.executeWithoutResult(s -> insert(sha256, size, stored, gz));
      } catch (DuplicateKeyException
          | QueryTimeoutException
          | PessimisticLockingFailureException e) {
        return awaitCommitted(sha256);
      }
      return new BlobRef(sha256, size, stored);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob from " + file, e);
    } finally {
      deleteQuietly(compressed);
    }
  }

  private void insert(String sha256, long size, long stored, Path compressed) {
    jdbc.sql(
            "insert into blobs (sha256, size_bytes, stored_bytes, encoding, created_at)"
                + " values (?, ?, ?, 'gzip', ?)")
        .params(sha256, size, stored, OffsetDateTime.now(clock))
        .update();
    try {
      writeChunks(sha256, compressed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store blob " + sha256, e);
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
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest);
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 64 * 1024)) {
      in.transferTo(out);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private void writeChunks(String sha256, Path compressed) throws IOException {
    try (InputStream in = Files.newInputStream(compressed)) {
      int seq = 0;
      byte[] chunk;
      while ((chunk = in.readNBytes(CHUNK)).length > 0) {
        jdbc.sql("insert into blob_chunks (sha256, seq, data) values (?, ?, ?)")
            .params(sha256, seq++, chunk)
            .update();
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }
}
