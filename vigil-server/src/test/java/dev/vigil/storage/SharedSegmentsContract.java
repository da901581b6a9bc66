package dev.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Blobs that repeat a shared segment (oscap's report CSS and JavaScript) keep its compressed blocks
 * once, in {@code blob_segments}, and read back byte for byte; run on H2 and PostgreSQL by
 * subclasses.
 */
abstract class SharedSegmentsContract {

  @TempDir Path dir;

  JdbcClient jdbc;
  BlobStore blobs;
  TransactionTemplate tx;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    jdbc = JdbcClient.create(dataSource());
    JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource());
    blobs = new BlobStore(jdbc, Clock.systemUTC(), transactions);
    tx = new TransactionTemplate(transactions);
  }

  @Test
  void reportsRepeatingTheSegmentKeepItOnceAndReadBackByteForByte() throws Exception {
    RecurringSegments segments = new RecurringSegments(RecurringSegmentsTest.MARKED, 16);
    byte[] asset = RecurringSegmentsTest.asset(7, 300_000);
    Path one = write("one.html", "<html>report one ", asset, " one's results");
    Path two = write("two.html", "<html>report two, other title ", asset, " two's results");
    BlobRef a = tx.execute(s -> blobs.put(BlobStore.prepare(one, segments)));
    BlobRef b = tx.execute(s -> blobs.put(BlobStore.prepare(two, segments)));

    assertThat(count("select count(*) from blob_segments")).isEqualTo(1);
    long segmentBytes = count("select size_bytes from blob_segments");
    assertThat(segmentBytes).isGreaterThan(10_000);
    for (BlobRef ref : new BlobRef[] {a, b}) {
      assertThat(
              count(
                  "select count(*) from blob_chunks where segment_sha256 is not null and sha256 = '"
                      + ref.sha256()
                      + "'"))
          .isEqualTo(1);
      // a blob stores its own bytes only
      assertThat(blobs.find(ref.sha256()).storedBytes()).isLessThan(1_000);
    }
    assertThat(read(a)).isEqualTo(Files.readAllBytes(one));
    assertThat(read(b)).isEqualTo(Files.readAllBytes(two));

    // freeing one blob keeps the segment for the other
    tx.executeWithoutResult(s -> blobs.free(a.sha256()));
    assertThat(count("select count(*) from blob_segments")).isEqualTo(1);
    assertThat(read(b)).isEqualTo(Files.readAllBytes(two));
  }

  /**
   * A segment first written by a recording that rolled back, or lost by the database (H2 after its
   * disk filled up), is written again by the next recording: nothing of it is remembered by the
   * node.
   */
  @Test
  void aSegmentWhoseFirstTransactionRolledBackIsStoredByTheNext() throws Exception {
    RecurringSegments segments = new RecurringSegments(RecurringSegmentsTest.MARKED, 16);
    byte[] asset = RecurringSegmentsTest.asset(7, 200_000);
    Path one = write("one.html", "first ", asset, " rolled back");
    Path two = write("two.html", "second ", asset, " kept");
    assertThatThrownBy(
            () ->
                tx.executeWithoutResult(
                    s -> {
                      blobs.put(BlobStore.prepare(one, segments));
                      throw new IllegalStateException("the recording failed");
                    }))
        .hasMessage("the recording failed");
    assertThat(count("select count(*) from blob_segments")).isZero();
    BlobRef b = tx.execute(s -> blobs.put(BlobStore.prepare(two, segments)));
    assertThat(count("select count(*) from blob_segments")).isEqualTo(1);
    assertThat(read(b)).isEqualTo(Files.readAllBytes(two));

    tx.executeWithoutResult(s -> blobs.free(b.sha256()));
    jdbc.sql("delete from blob_segments").update();
    Path three = write("three.html", "third ", asset, " after the loss");
    BlobRef c = tx.execute(s -> blobs.put(BlobStore.prepare(three, segments)));
    assertThat(read(c)).isEqualTo(Files.readAllBytes(three));
  }

  @Test
  void aChunkHoldsItsOwnBytesOrASegmentNeverBothNorNeither() {
    jdbc.sql(
            "insert into blobs (sha256, size_bytes, stored_bytes, encoding, created_at)"
                + " values (?, 1, 1, 'gzip', current_timestamp)")
        .param("f".repeat(64))
        .update();
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "insert into blob_chunks (sha256, seq, data, segment_sha256)"
                            + " values (?, 0, null, null)")
                    .param("f".repeat(64))
                    .update())
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private byte[] read(BlobRef ref) throws Exception {
    try (InputStream in = blobs.open(ref.sha256())) {
      return in.readAllBytes();
    }
  }

  private Path write(String name, String head, byte[] segment, String tail) throws Exception {
    Path file = dir.resolve(name);
    try (var out = Files.newOutputStream(file)) {
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(segment);
      out.write(tail.getBytes(StandardCharsets.ISO_8859_1));
    }
    return file;
  }
}
