package dev.vigil.packages;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/** What an archive entry is; only files and folders may be unpacked. */
enum EntryKind {
  FILE,
  DIRECTORY,
  SYMBOLIC_LINK,
  HARD_LINK,
  SPECIAL,
  OTHER;

  private static final int TYPE_MASK = 0170000;
  private static final int REGULAR = 0100000;
  private static final int FOLDER = 0040000;
  private static final int SYMLINK = 0120000;

  static EntryKind ofTar(TarArchiveEntry entry) {
    if (entry.isSymbolicLink()) {
      return SYMBOLIC_LINK;
    }
    if (entry.isLink()) {
      return HARD_LINK;
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      return SPECIAL;
    }
    if (entry.isDirectory()) {
      return DIRECTORY;
    }
    return entry.isFile() ? FILE : OTHER;
  }

  static EntryKind ofZip(ZipArchiveEntry entry) {
    int type =
        entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & TYPE_MASK : 0;
    if (entry.isUnixSymlink() || type == SYMLINK) {
      return SYMBOLIC_LINK;
    }
    if (type != 0 && type != REGULAR && type != FOLDER) {
      return SPECIAL;
    }
    return entry.isDirectory() ? DIRECTORY : FILE;
  }

  /** Fails unless this kind of entry may be unpacked. */
  void requireAllowed(String name) throws PackageFetchException {
    String entry = "archive entry '" + UnpackTarget.display(name) + "'";
    switch (this) {
      case SYMBOLIC_LINK ->
          throw new PackageFetchException(entry + " is a symbolic link; links are refused");
      case HARD_LINK ->
          throw new PackageFetchException(entry + " is a hard link; links are refused");
      case SPECIAL ->
          throw new PackageFetchException(
              entry + " is a device, FIFO or socket; only files and folders are allowed");
      case OTHER ->
          throw new PackageFetchException(
              entry + " is not a regular file or folder; only files and folders are allowed");
      default -> {
        // files and folders are unpacked
      }
    }
  }
}
