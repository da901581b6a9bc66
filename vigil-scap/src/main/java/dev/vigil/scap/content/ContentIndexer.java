package dev.vigil.scap.content;

import java.nio.file.Path;

/** Indexes SCAP content files with one streaming pass each. Thread-safe and reusable. */
public final class ContentIndexer {

  /**
   * Reads one XML file and says what it is and what checklists it carries.
   *
   * @param file the file on disk
   * @param relativePath the path reported in the result
   * @throws ScapContentException when the file is not well-formed XML or breaks a safety limit
   */
  public ContentFile index(Path file, String relativePath) throws ScapContentException {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
