package dev.vigil.packages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits for fetching and unpacking security packages, so a hostile URL or archive cannot reach
 * internal hosts, read local files or fill the disk.
 *
 * @param allowedFileRoots folders that {@code file:} URLs may read from (none by default)
 * @param allowPrivateAddresses true allows loopback, link-local and private network addresses
 * @param maxDownloadSize largest download accepted
 * @param connectTimeout longest wait for a connection
 * @param idleTimeout longest wait for the next bytes of a response
 * @param totalTimeout longest time a whole download may take
 * @param maxRedirects most redirects followed
 * @param maxEntries most entries (files and folders) in an archive
 * @param maxUnpackedSize largest total size of the unpacked files
 * @param maxCompressionRatio largest ratio of unpacked bytes to archive bytes
 * @param workDir folder for downloads and unpacked packages (the system temp dir by default)
 */
@ConfigurationProperties("vigil.packages")
public record PackageSettings(
    @DefaultValue List<String> allowedFileRoots,
    @DefaultValue("false") boolean allowPrivateAddresses,
    @DefaultValue("512MB") DataSize maxDownloadSize,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("30s") Duration idleTimeout,
    @DefaultValue("10m") Duration totalTimeout,
    @DefaultValue("5") int maxRedirects,
    @DefaultValue("10000") int maxEntries,
    @DefaultValue("2GB") DataSize maxUnpackedSize,
    @DefaultValue("100") int maxCompressionRatio,
    Path workDir) {

  public PackageSettings {
    allowedFileRoots = allowedFileRoots == null ? List.of() : List.copyOf(allowedFileRoots);
    if (workDir == null) {
      workDir = defaultWorkDir();
    }
  }

  private static Path defaultWorkDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "vigil-packages");
  }

  /** The defaults, as bound when nothing is configured. */
  public static PackageSettings defaults() {
    return new PackageSettings(
        List.of(),
        false,
        DataSize.ofMegabytes(512),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        5,
        10_000,
        DataSize.ofGigabytes(2),
        100,
        defaultWorkDir());
  }
}
