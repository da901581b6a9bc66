package dev.vigil.packages;

import dev.vigil.storage.BlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/** Writes one checklist of a stored package version out of the blob store to a local folder. */
@Component
class ChecklistExtractor {

  private final BlobStore blobs;
  private final PackageUnpacker unpacker;

  ChecklistExtractor(BlobStore blobs, PackageUnpacker unpacker) {
    this.blobs = blobs;
    this.unpacker = unpacker;
  }

  /** Unpacks {@code version} under {@code dir} and returns the file at {@code path}. */
  Path extract(PackageVersion version, String path, Path dir) {
    try {
      Files.createDirectories(dir);
      Path download = dir.resolve("download");
      blobs.copyTo(version.sha256(), download);
      FetchedFile fetched =
          new FetchedFile(
              download,
              version.fileName(),
              version.sha256(),
              version.sizeBytes(),
              java.net.URI.create(version.sourceUrl()));
      Path content = dir.resolve("content");
      List<Path> files = unpacker.unpack(fetched, content);
      Path wanted = content.resolve(path).normalize();
      if (!wanted.startsWith(content) || !files.contains(wanted)) {
        throw new IllegalStateException("checklist " + path + " is not in version " + version.id());
      }
      return wanted;
    } catch (PackageFetchException | java.io.IOException e) {
      throw new IllegalStateException(
          "cannot unpack version "
              + version.versionNo()
              + " of package "
              + version.packageId()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
