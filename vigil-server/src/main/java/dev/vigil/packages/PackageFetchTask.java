package dev.vigil.packages;

import dev.vigil.scheduling.TaskHandler;
import dev.vigil.storage.BlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The background fetch of one package: pending → fetching → ready | failed(reason). Downloads and
 * unpacks in a private work folder, indexes, then stores the blob, the version and its index in one
 * transaction, so a failure leaves nothing half-stored.
 */
@Component
class PackageFetchTask implements TaskHandler {

  static final String NAME = "package-fetch";
  private static final Logger log = LoggerFactory.getLogger(PackageFetchTask.class);

  private final PackageRepository packages;
  private final VersionRepository versions;
  private final PackageFetcher fetcher;
  private final PackageUnpacker unpacker;
  private final PackageIndexing indexing;
  private final BlobStore blobs;
  private final PackageSettings settings;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  PackageFetchTask(
      PackageRepository packages,
      VersionRepository versions,
      PackageFetcher fetcher,
      PackageUnpacker unpacker,
      PackageIndexing indexing,
      BlobStore blobs,
      PackageSettings settings,
      TransactionTemplate tx,
      Clock clock,
      ApplicationEventPublisher events) {
    this.packages = packages;
    this.versions = versions;
    this.fetcher = fetcher;
    this.unpacker = unpacker;
    this.indexing = indexing;
    this.blobs = blobs;
    this.settings = settings;
    this.tx = tx;
    this.clock = clock;
    this.events = events;
  }

  /** The task instance id for one fetch request of a package. */
  static String instanceId(long packageId, Instant requestedAt) {
    return packageId + ":" + requestedAt.toEpochMilli();
  }

  @Override
  public String taskName() {
    return NAME;
  }

  @Override
  public void execute(String instanceId) {
    long id = Long.parseLong(instanceId.substring(0, instanceId.indexOf(':')));
    SecurityPackage claimed = tx.execute(s -> claim(id));
    if (claimed == null) {
      return;
    }
    Path work = null;
    try {
      work = Files.createDirectories(workRoot()).resolve("pkg-" + id + "-" + clock.millis());
      Files.createDirectories(work);
      fetchAndStore(claimed, work);
      events.publishEvent(new PackageFetched(id, "ready"));
    } catch (PackageFetchException e) {
      log.info("security package {} failed: {}", id, e.getMessage());
      finish(id, p -> p.markFailed(e.getMessage(), clock.instant()));
      events.publishEvent(new PackageFetched(id, "failed"));
    } catch (IOException | RuntimeException e) {
      log.error("security package {} failed unexpectedly", id, e);
      events.publishEvent(new PackageFetched(id, "error"));
      finish(
          id,
          p -> p.markFailed("internal error while fetching: " + e.getMessage(), clock.instant()));
    } finally {
      deleteTree(work);
    }
  }

  private SecurityPackage claim(long id) {
    SecurityPackage p = packages.findForUpdate(id).orElse(null);
    if (p == null || !p.status().inProgress()) {
      return null;
    }
    if (p.status() == PackageStatus.FETCHING) {
      log.warn("security package {} was left fetching (node stopped?); fetching again", id);
      return p;
    }
    SecurityPackage fetching = p.startFetching(clock.instant());
    packages.update(fetching);
    return fetching;
  }

  private void fetchAndStore(SecurityPackage p, Path work) throws PackageFetchException {
    FetchedFile fetched = fetcher.fetch(URI.create(p.url()), work, p.expectedSha256());
    HtmlPages.refuse(fetched.file());
    PackageVersion current =
        p.currentVersionId() == null ? null : versions.find(p.currentVersionId()).orElse(null);
    if (current != null && current.sha256().equals(fetched.sha256())) {
      String msg = "unchanged: content is still version " + current.versionNo();
      finish(p.id(), q -> q.markReady(current.id(), msg, clock.instant()));
      return;
    }
    Path content = work.resolve("content");
    List<Path> files = unpacker.unpack(fetched, content);
    IndexedContent index = indexing.index(content, files, p.acceptInvalid());
    tx.executeWithoutResult(s -> store(p.id(), fetched, index));
  }

  private void store(long id, FetchedFile fetched, IndexedContent index) {
    SecurityPackage p = packages.findForUpdate(id).orElse(null);
    if (p == null) {
      return;
    }
    blobs.put(fetched.file());
    int no = versions.nextVersionNo(id);
    Instant now = clock.instant();
    long versionId =
        versions.insertVersion(
            new PackageVersion(
                0,
                id,
                no,
                fetched.sha256(),
                fetched.fileName(),
                fetched.size(),
                fetched.finalUrl().toString(),
                now));
    versions.insertFiles(versionId, index.files());
    versions.insertChecklists(versionId, index.checklists());
    String msg =
        "version "
            + no
            + ": "
            + index.checklists().size()
            + " checklist(s) in "
            + index.files().size()
            + " file(s)"
            + invalidWarning(index);
    packages.update(p.markReady(versionId, msg, now));
  }

  /** The warning on a ready package that kept invalid checklists, empty when there are none. */
  private static String invalidWarning(IndexedContent index) {
    return index.checklists().stream()
        .filter(Checklist::acceptedInvalid)
        .findFirst()
        .map(
            c ->
                "; warning: "
                    + c.path()
                    + " is not valid SCAP content, kept as asked and scanned with --skip-valid: "
                    + c.validationProblem())
        .orElse("");
  }

  private void finish(long id, java.util.function.UnaryOperator<SecurityPackage> change) {
    tx.executeWithoutResult(
        s ->
            packages
                .findForUpdate(id)
                .filter(p -> p.status() == PackageStatus.FETCHING)
                .ifPresent(p -> packages.update(change.apply(p))));
  }

  private Path workRoot() {
    return settings.workDir();
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("could not remove work folder {}", dir, e);
    }
  }
}
