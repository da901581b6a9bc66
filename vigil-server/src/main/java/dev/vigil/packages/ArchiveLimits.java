package dev.vigil.packages;

/**
 * Counts entries and unpacked bytes while an archive streams, and stops it at the entry, size or
 * compression-ratio limit; sizes in headers are never trusted.
 */
final class ArchiveLimits {

  /** Below this many unpacked bytes the ratio is not checked: tiny files compress oddly well. */
  static final long RATIO_FLOOR = 1024 * 1024;

  private final int maxEntries;
  private final long maxUnpacked;
  private final int maxRatio;
  private final long packedSize;
  private int entries;
  private long unpacked;

  ArchiveLimits(PackageSettings settings, long packedSize) {
    this.maxEntries = settings.maxEntries();
    this.maxUnpacked = settings.maxUnpackedSize().toBytes();
    this.maxRatio = settings.maxCompressionRatio();
    this.packedSize = Math.max(1, packedSize);
  }

  /** Counts one more entry (file or folder). */
  void entry() throws PackageFetchException {
    entries++;
    if (entries > maxEntries) {
      throw tooManyEntries(maxEntries);
    }
  }

  static PackageFetchException tooManyEntries(int maxEntries) {
    return new PackageFetchException(
        "archive has more than " + maxEntries + " entries (vigil.packages.max-entries)");
  }

  /** Counts bytes written, failing as soon as a limit is passed. */
  void bytes(long count) throws PackageFetchException {
    unpacked += count;
    if (unpacked > maxUnpacked) {
      throw new PackageFetchException(
          "archive expands to more than "
              + Sizes.bytes(maxUnpacked)
              + " (vigil.packages.max-unpacked-size)");
    }
    if (unpacked > RATIO_FLOOR && unpacked / packedSize > maxRatio) {
      throw new PackageFetchException("archive expands more than " + maxRatio + "× (zip bomb?)");
    }
  }
}
