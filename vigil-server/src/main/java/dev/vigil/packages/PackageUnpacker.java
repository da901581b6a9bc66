package dev.vigil.packages;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Unpacks a fetched security package (XML, zip, tar.gz, tar.bz2, gz or bz2) into a folder, refusing
 * entries that escape it, links, devices and archives that expand too far.
 */
@Component
class PackageUnpacker {

  private final PackageSettings settings;

  PackageUnpacker(PackageSettings settings) {
    this.settings = settings;
  }

  /** Unpacks into targetDir and returns the regular files written; nothing is left on failure. */
  List<Path> unpack(FetchedFile fetched, Path targetDir) throws PackageFetchException {
    @Nullable UnpackTarget target = null;
    try {
      PackageFormat format = PackageFormat.detect(fetched.file(), fetched.fileName());
      target = new UnpackTarget(targetDir);
      ArchiveLimits limits = new ArchiveLimits(settings, Files.size(fetched.file()));
      switch (format) {
        case ZIP -> unpackZip(fetched.file(), target, limits);
        case TAR_GZIP, TAR_BZIP2 -> unpackTar(fetched.file(), format, target, limits);
        default -> unpackSingle(fetched, format, target, limits);
      }
      return target.files();
    } catch (PackageFetchException e) {
      clean(target);
      throw e;
    } catch (IOException | RuntimeException e) {
      clean(target);
      throw damaged(fetched, e);
    }
  }

  private void unpackZip(Path file, UnpackTarget target, ArchiveLimits limits)
      throws IOException, PackageFetchException {
    ZipDirectory.requireAtMost(file, settings.maxEntries());
    try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
      Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry entry = entries.nextElement();
        limits.entry();
        EntryKind.ofZip(entry).requireAllowed(entry.getName());
        if (entry.isDirectory()) {
          target.directory(entry.getName());
        } else if (!zip.canReadEntryData(entry)) {
          throw new PackageFetchException(
              "archive entry '"
                  + UnpackTarget.display(entry.getName())
                  + "' uses an unsupported compression method");
        } else {
          try (InputStream in = zip.getInputStream(entry)) {
            write(in, target.newFile(entry.getName()), limits);
          }
        }
      }
    }
  }

  private void unpackTar(Path file, PackageFormat format, UnpackTarget target, ArchiveLimits limits)
      throws IOException, PackageFetchException {
    try (InputStream raw = PackageFormat.decompress(file, format == PackageFormat.TAR_GZIP);
        TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        limits.entry();
        EntryKind.ofTar(entry).requireAllowed(entry.getName());
        if (entry.isDirectory()) {
          target.directory(entry.getName());
        } else {
          write(tar, target.newFile(entry.getName()), limits);
        }
      }
    }
  }

  private void unpackSingle(
      FetchedFile fetched, PackageFormat format, UnpackTarget target, ArchiveLimits limits)
      throws IOException, PackageFetchException {
    limits.entry();
    String name = FileNames.sanitize(singleFileName(fetched.fileName(), format));
    try (InputStream in =
        format == PackageFormat.XML
            ? Files.newInputStream(fetched.file())
            : PackageFormat.decompress(fetched.file(), format == PackageFormat.GZIP)) {
      write(in, target.newFile(name), limits);
    }
  }

  /** The file name of a single compressed file: its package name without .gz or .bz2. */
  static String singleFileName(String fileName, PackageFormat format) {
    String lower = FileNames.lower(fileName);
    for (String suffix : List.of(".gz", ".gzip", ".bz2")) {
      if (format != PackageFormat.XML
          && lower.endsWith(suffix)
          && lower.length() > suffix.length()) {
        return fileName.substring(0, fileName.length() - suffix.length());
      }
    }
    return fileName;
  }

  private static void write(InputStream in, OutputStream file, ArchiveLimits limits)
      throws IOException, PackageFetchException {
    try (OutputStream out = file) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        limits.bytes(n);
        out.write(buffer, 0, n);
      }
    }
  }

  private static PackageFetchException damaged(FetchedFile fetched, Exception e) {
    String detail =
        e instanceof EOFException || e.getMessage() == null
            ? "it ends unexpectedly"
            : e.getMessage();
    return new PackageFetchException(
        "cannot unpack "
            + fetched.fileName()
            + ": the archive is damaged or truncated ("
            + detail
            + ")",
        e);
  }

  private static void clean(@Nullable UnpackTarget target) {
    if (target != null) {
      target.deleteWritten();
    }
  }
}
