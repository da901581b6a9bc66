package dev.vigil.packages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Copies {@code file:} URLs, but only from inside the allowed roots with symlinks resolved. */
final class FileSource {

  private static final String ROOTS = "vigil.packages.allowed-file-roots";

  private final List<String> roots;
  private final long maxBytes;

  FileSource(List<String> roots, long maxBytes) {
    this.roots = roots;
    this.maxBytes = maxBytes;
  }

  /** Copies the file the URL names into the target file, hashing it. */
  FetchedFile copy(URI url, Path target) throws PackageFetchException {
    Path source = allowedRealPath(url);
    try {
      if (!Files.isRegularFile(source)) {
        throw new PackageFetchException(Urls.display(url) + " is not a regular file");
      }
      if (Files.size(source) > maxBytes) {
        throw new PackageFetchException("download exceeds the " + Sizes.bytes(maxBytes) + " limit");
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long size = copyLimited(source, target, digest);
      String sha256 = HexFormat.of().formatHex(digest.digest());
      return new FetchedFile(target, FileNames.of(url, null), sha256, size, url);
    } catch (IOException e) {
      throw new PackageFetchException(
          "cannot read " + Urls.display(url) + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private long copyLimited(Path source, Path target, MessageDigest digest)
      throws IOException, PackageFetchException {
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
      byte[] buffer = new byte[64 * 1024];
      long size = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        size += n;
        if (size > maxBytes) {
          throw new PackageFetchException(
              "download exceeds the " + Sizes.bytes(maxBytes) + " limit");
        }
        out.write(buffer, 0, n);
      }
      return size;
    }
  }

  private Path allowedRealPath(URI url) throws PackageFetchException {
    Path path;
    try {
      path = Path.of(url).toAbsolutePath().normalize();
    } catch (IllegalArgumentException e) {
      throw new PackageFetchException("invalid file URL " + url + ": " + e.getMessage(), e);
    }
    List<Path> allowed = realRoots();
    try {
      Path real = path.toRealPath();
      if (allowed.stream().anyMatch(real::startsWith)) {
        return real;
      }
    } catch (NoSuchFileException e) {
      if (allowed.stream().anyMatch(path::startsWith)) {
        throw new PackageFetchException(Urls.display(url) + " does not exist", e);
      }
    } catch (IOException e) {
      // reported as outside the roots: no detail about files the package may not read
    }
    throw new PackageFetchException(
        Urls.display(url) + " is outside the allowed file roots (" + ROOTS + ")");
  }

  private List<Path> realRoots() {
    List<Path> real = new ArrayList<>();
    for (String root : roots) {
      try {
        real.add(Path.of(root).toRealPath());
      } catch (IOException | RuntimeException e) {
        // a missing or invalid root allows nothing
      }
    }
    return real;
  }
}
