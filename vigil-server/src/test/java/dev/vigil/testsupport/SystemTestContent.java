package dev.vigil.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Files and names for tests on a shared application ({@link VigilSystemTest}): the folder its
 * {@code vigil.packages.allowed-file-roots} names, and unique names for records.
 */
public final class SystemTestContent {

  /** The folder's name under {@code java.io.tmpdir}. */
  static final String FOLDER = "vigil-system-content";

  private SystemTestContent() {}

  /** The folder {@code file:} packages may be read from in the shared applications. */
  public static Path root() {
    Path root = Path.of(System.getProperty("java.io.tmpdir"), FOLDER);
    try {
      return Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new folder under {@link #root()}, so readable by {@code file:} packages. */
  public static Path newFolder(String prefix) {
    try {
      return Files.createTempDirectory(root(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code prefix} with a short random suffix, for names that must not clash with other tests. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
