package dev.vigil.retention;

import dev.vigil.storage.BlobRef;
import dev.vigil.storage.BlobStore;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Frees what deleted scans leave behind: each blob and rule dictionary no one uses any more, each
 * in a small transaction of its own. One that came into use again meanwhile is refused by its
 * foreign keys and kept.
 */
@Component
class ScanSpace {

  private static final Logger log = LoggerFactory.getLogger(ScanSpace.class);

  /** Blobs freed and their stored bytes, added up over a purge. */
  static final class Freed {
    private int blobs;
    private long bytes;

    int blobs() {
      return blobs;
    }

    long bytes() {
      return bytes;
    }
  }

  private final ScanRetentionRepository repo;
  private final BlobStore blobs;
  private final TransactionTemplate tx;

  ScanSpace(
      ScanRetentionRepository repo, BlobStore blobs, PlatformTransactionManager transactions) {
    this.repo = repo;
    this.blobs = blobs;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Frees every blob of {@code candidates} nothing uses any more; adds them to {@code freed}. */
  void freeBlobs(Collection<String> candidates, Freed freed) {
    for (String sha : candidates) {
      Optional<BlobRef> gone = freeBlob(sha);
      if (gone.isPresent()) {
        freed.blobs++;
        freed.bytes += gone.get().storedBytes();
      }
    }
  }

  private Optional<BlobRef> freeBlob(String sha) {
    try {
      return tx.execute(s -> repo.blobUsed(sha) ? Optional.<BlobRef>empty() : blobs.free(sha));
    } catch (DataIntegrityViolationException inUse) {
      log.debug("blob {} came into use again; kept", sha);
      return Optional.empty();
    }
  }

  /** Deletes every rule dictionary of {@code candidates} no scan uses; returns how many. */
  int freeDictionaries(Collection<Long> candidates) {
    int freed = 0;
    for (long id : candidates) {
      try {
        if (Boolean.TRUE.equals(tx.execute(s -> repo.deleteDictionaryIfUnused(id)))) {
          freed++;
        }
      } catch (DataIntegrityViolationException inUse) {
        log.debug("rule dictionary {} came into use again; kept", id);
      }
    }
    return freed;
  }
}
