package dev.vigil.packages;

import dev.vigil.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Package versions unpacked once on this node's local disk for scanning, instead of once per target
 * run: a version never changes, so its unpacked files are reused by every scan of it. The first
 * scan of a version unpacks it (concurrent scans of the same version wait for that one unpack);
 * versions of the same package unused for {@link #IDLE} are removed when another version of that
 * package is unpacked. Everything lives under a temporary folder removed when the node stops.
 */
@Component
class ChecklistFileCache implements DisposableBean {

  static final Duration IDLE = Duration.ofHours(1);

  private record Unpacked(long packageId, Path dir) {}

  private static final class Entry {
    final CompletableFuture<Unpacked> unpacked = new CompletableFuture<>();
    volatile @Nullable Instant lastUsed;
  }

  private final ChecklistExtractor extractor;
  private final Clock clock;
  private final Path root;
  private final Map<Long, Entry> versions = new ConcurrentHashMap<>();
  private final Map<Path, String> sha256s = new ConcurrentHashMap<>();

  ChecklistFileCache(ChecklistExtractor extractor, Clock clock) {
    this.extractor = extractor;
    this.clock = clock;
    try {
      this.root = Files.createTempDirectory("vigil-checklists");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the local checklist cache", e);
    }
  }

  /** The file at {@code path} of {@code version}, unpacked on first use; and its sha256. */
  Path file(PackageVersion version, String path) {
    Entry mine = new Entry();
    Entry entry = versions.putIfAbsent(version.id(), mine);
    if (entry == null) {
      entry = mine;
      unpack(version, path, mine);
    }
    entry.lastUsed = clock.instant();
    Unpacked u;
    try {
      u = entry.unpacked.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Path content = u.dir().resolve("content");
    Path wanted = content.resolve(path).normalize();
    if (!wanted.startsWith(content) || !Files.isRegularFile(wanted)) {
      throw new IllegalStateException("checklist " + path + " is not in version " + version.id());
    }
    return wanted;
  }

  /** The folder holding one unpacked folder per cached version. */
  Path root() {
    return root;
  }

  /** The sha256 of a file this cache returned, computed once. */
  String sha256(Path file) {
    return sha256s.computeIfAbsent(file, BlobStore::sha256Of);
  }

  private void unpack(PackageVersion version, String path, Entry entry) {
    try {
      evictIdle(version.packageId(), version.id());
      Path dir = Files.createTempDirectory(root, "v" + version.id() + "-");
      extractor.extract(version, path, dir);
      Files.deleteIfExists(dir.resolve("download"));
      entry.unpacked.complete(new Unpacked(version.packageId(), dir));
    } catch (IOException | RuntimeException e) {
      versions.remove(version.id(), entry);
      entry.unpacked.completeExceptionally(
          e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e));
    }
  }

  private void evictIdle(long packageId, long keepVersion) {
    Instant cutoff = clock.instant().minus(IDLE);
    versions.forEach(
        (id, e) -> {
          Unpacked u = e.unpacked.getNow(null);
          if (id != keepVersion
              && u != null
              && u.packageId() == packageId
              && e.lastUsed != null
              && e.lastUsed.isBefore(cutoff)
              && versions.remove(id, e)) {
            deleteTree(u.dir());
          }
        });
  }

  @Override
  public void destroy() {
    deleteTree(root);
  }

  private void deleteTree(Path dir) {
    sha256s.keySet().removeIf(p -> p.startsWith(dir));
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // a leftover temp file is harmless
                }
              });
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }
}
