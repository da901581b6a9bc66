package dev.vigil.retention;

import dev.vigil.retention.ScanRetentionRepository.Released;
import dev.vigil.retention.ScanRetentionRepository.ScanAge;
import dev.vigil.scheduling.NodeIdentity;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scan retention: deletes the scans past their job's delete-after (the defaults for scans without a
 * job), never one inside its keep-min window, in batches of one transaction each; then frees the
 * blobs and rule dictionaries no one uses any more. Every purge is logged, recorded in {@code
 * scan_purges} and counted in {@code vigil.scans.purged}.
 */
@Service
public class ScanRetention {

  private static final Logger log = LoggerFactory.getLogger(ScanRetention.class);
  static final String COUNTER = "vigil.scans.purged";

  private final ScanRetentionRepository repo;
  private final ScanRetentionWindows windows;
  private final ScanSpace space;
  private final NodeIdentity node;
  private final ScanRetentionSettings settings;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final MeterRegistry meters;

  ScanRetention(
      ScanRetentionRepository repo,
      ScanRetentionWindows windows,
      ScanSpace space,
      NodeIdentity node,
      ScanRetentionSettings settings,
      Clock clock,
      PlatformTransactionManager transactions,
      MeterRegistry meters) {
    this.repo = repo;
    this.windows = windows;
    this.space = space;
    this.node = node;
    this.settings = settings;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    this.meters = meters;
  }

  /** One purge run: every scan past its window, deleted batch by batch, then what they freed. */
  public ScanPurge purge() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    ScanSpace.Freed freed = new ScanSpace.Freed();
    Set<Long> dictionaries = new LinkedHashSet<>();
    int deleted = 0;
    for (ScanRetentionWindows.Expiry e : windows.expiries(now)) {
      deleted +=
          drain(
              n ->
                  e.jobId() == null
                      ? repo.expiredWithoutJob(e.cutoff(), n)
                      : repo.expiredOfJob(e.jobId(), e.cutoff(), n),
              freed,
              dictionaries);
    }
    int dictionariesFreed = space.freeDictionaries(dictionaries);
    ScanPurge p = record(ScanPurge.PURGE, now, deleted, freed, dictionariesFreed, null, null);
    log.info(
        "scan purge {}: deleted {} scans, freed {} blobs ({} bytes stored) and {} rule"
            + " dictionaries in {} ms",
        p.id(),
        deleted,
        freed.blobs(),
        freed.bytes(),
        dictionariesFreed,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    return p;
  }

  /**
   * Deletes one scan past its keep-min window and frees what only it used.
   *
   * @throws NotFoundException when there is no such scan
   * @throws ConflictException while the scan is inside its keep-min window; nothing is deleted
   */
  public ScanPurge delete(long scanId, String username) {
    Instant now = clock.instant();
    Released released = tx.execute(s -> deleteIfAllowed(scanId, now));
    ScanSpace.Freed freed = new ScanSpace.Freed();
    space.freeBlobs(released.blobs(), freed);
    int dictionariesFreed = space.freeDictionaries(released.dictionaries());
    ScanPurge p =
        record(ScanPurge.MANUAL, now, released.scans(), freed, dictionariesFreed, scanId, username);
    log.info(
        "security scan {} deleted by {}: freed {} blobs ({} bytes stored) and {} rule"
            + " dictionaries",
        scanId,
        username,
        freed.blobs(),
        freed.bytes(),
        dictionariesFreed);
    return p;
  }

  /** The purge log, newest first. */
  public List<ScanPurge> purges(ListQuery q) {
    return repo.purges(q.max(), q.offset());
  }

  public long countPurges() {
    return repo.countPurges();
  }

  private Released deleteIfAllowed(long scanId, Instant now) {
    ScanAge scan =
        repo.findForUpdate(scanId)
            .orElseThrow(() -> new NotFoundException("Security scan", scanId));
    ScanRetentionWindows.KeptUntil kept = windows.keptUntil(scan);
    if (now.isBefore(kept.until())) {
      throw new ConflictException(
          "security scan "
              + scanId
              + " is kept until "
              + kept.until().atZone(ZoneOffset.UTC).toLocalDate()
              + " ("
              + kept.why()
              + ")");
    }
    return repo.delete(List.of(scanId));
  }

  /** Deletes batches until none is left; frees each batch's blobs after it commits. */
  private int drain(IntFunction<List<Long>> expired, ScanSpace.Freed freed, Set<Long> dicts) {
    int total = 0;
    int batch = settings.batchSize();
    while (true) {
      Released r = tx.execute(s -> repo.delete(expired.apply(batch)));
      total += r.scans();
      dicts.addAll(r.dictionaries());
      space.freeBlobs(r.blobs(), freed);
      if (r.scans() < batch) {
        return total;
      }
    }
  }

  private ScanPurge record(
      String trigger,
      Instant at,
      int scans,
      ScanSpace.Freed freed,
      int dictionaries,
      @Nullable Long scanId,
      @Nullable String user) {
    ScanPurge p =
        new ScanPurge(
            0,
            at,
            node.name(),
            trigger,
            scans,
            freed.blobs(),
            freed.bytes(),
            dictionaries,
            scanId,
            user);
    long id =
        tx.execute(
            s -> {
              long inserted = repo.insertPurge(p);
              repo.trimPurges(settings.keptPurges());
              return inserted;
            });
    Counter.builder(COUNTER)
        .description("security scans deleted by retention")
        .tag("trigger", trigger)
        .register(meters)
        .increment(scans);
    return new ScanPurge(
        id,
        at,
        p.node(),
        trigger,
        scans,
        p.blobsFreed(),
        p.bytesFreed(),
        dictionaries,
        scanId,
        user);
  }
}
