package dev.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two transactions storing the same bytes at once (two local targets scanned in the same second
 * write byte-identical ARFs) both succeed and the blob is stored once.
 */
@VigilSystemTestWithoutScheduler
class BlobStoreRaceIntegrationTest {

  @Autowired BlobStore blobs;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @TempDir Path tmp;

  @Test
  void aSecondWriterOfTheSameBytesWaitsAndKeepsTheFirstCopy() throws Exception {
    Path file = tmp.resolve("same.xml");
    Files.writeString(file, "<arf>" + UUID.randomUUID() + "</arf>");
    CountDownLatch firstInserted = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    AtomicReference<Thread> secondThread = new AtomicReference<>();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    CompletableFuture<BlobRef> first =
        CompletableFuture.supplyAsync(
            () ->
                tx.execute(
                    s -> {
                      BlobRef ref = blobs.put(file);
                      firstInserted.countDown();
                      await(secondStarted);
                      awaitBlockedInTheDatabase(secondThread);
                      return ref;
                    }),
            writers);
    assertThat(firstInserted.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<BlobRef> second =
        CompletableFuture.supplyAsync(
            () ->
                tx.execute(
                    s -> {
                      secondThread.set(Thread.currentThread());
                      secondStarted.countDown();
                      return blobs.put(file);
                    }),
            writers);
    BlobRef b = second.get(30, TimeUnit.SECONDS);
    BlobRef a = first.get(30, TimeUnit.SECONDS);
    writers.shutdown();
    assertThat(b).isEqualTo(a);
    assertThat(
            jdbc.sql("select count(*) from blobs where sha256 = ?")
                .param(a.sha256())
                .query(Long.class)
                .single())
        .isOne();
    try (var in = blobs.open(a.sha256())) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
    }
  }

  /** Waits until the second writer is inserting (and so waiting on the first one's row). */
  private static void awaitBlockedInTheDatabase(AtomicReference<Thread> thread) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              Thread t = thread.get();
              return Arrays.stream(t.getStackTrace())
                  .anyMatch(
                      f ->
                          f.getClassName().equals(BlobStore.class.getName())
                              && (f.getMethodName().equals("insert")
                                  || f.getMethodName().equals("awaitCommitted")));
            });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
