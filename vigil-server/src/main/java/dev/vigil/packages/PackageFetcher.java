package dev.vigil.packages;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Fetches a security package's file from an http(s) or allowed {@code file:} URL into a folder,
 * refusing private addresses, oversized or endless downloads and unexpected checksums.
 */
@Component
class PackageFetcher {

  static final String DOWNLOAD = "download";

  private final HttpFetcher http;
  private final FileSource files;

  PackageFetcher(PackageSettings settings) {
    this.http = new HttpFetcher(settings);
    this.files = new FileSource(settings.allowedFileRoots(), settings.maxDownloadSize().toBytes());
  }

  /**
   * Downloads the URL to {@code targetDir/download}; nothing is left behind when it fails.
   *
   * @param expectedSha256 hex sha256 the bytes must have, or null to accept any
   */
  FetchedFile fetch(URI url, Path targetDir, @Nullable String expectedSha256)
      throws PackageFetchException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw new PackageFetchException(
          "unsupported URL scheme '" + scheme + "' (expected http, https or file)");
    }
    Path file = targetDir.resolve(DOWNLOAD);
    try {
      Files.createDirectories(targetDir);
      FetchedFile fetched =
          scheme.equals("file") ? files.copy(url, file) : http.download(url, file);
      verify(fetched, expectedSha256);
      return fetched;
    } catch (IOException e) {
      deleteQuietly(file);
      throw new PackageFetchException("cannot create " + targetDir + ": " + e.getMessage(), e);
    } catch (PackageFetchException | RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
  }

  private static void verify(FetchedFile fetched, @Nullable String expected)
      throws PackageFetchException {
    if (expected != null
        && !expected.isBlank()
        && !expected.trim().equalsIgnoreCase(fetched.sha256())) {
      throw new PackageFetchException(
          "sha256 mismatch: expected "
              + expected.trim().toLowerCase(Locale.ROOT)
              + ", got "
              + fetched.sha256());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: the folder is temporary
    }
  }
}
