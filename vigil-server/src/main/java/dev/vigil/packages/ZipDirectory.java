package dev.vigil.packages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts a zip's central directory records before {@code ZipFile} loads them all into memory, so a
 * directory of millions of tiny entries is refused cheaply. Best effort: a layout it does not
 * understand is left to {@code ZipFile}, whose entries are still counted while unpacking.
 */
final class ZipDirectory {

  private static final int END = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_END = 0x06064b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int END_SIZE = 22;
  private static final int CENTRAL_SIZE = 46;

  private ZipDirectory() {}

  /** Fails when the central directory holds more than maxEntries records. */
  static void requireAtMost(Path file, int maxEntries) throws IOException, PackageFetchException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long offset = centralDirectoryOffset(channel);
      if (offset >= 0 && count(channel, offset, maxEntries) > maxEntries) {
        throw ArchiveLimits.tooManyEntries(maxEntries);
      }
    }
  }

  private static long centralDirectoryOffset(FileChannel channel) throws IOException {
    long size = channel.size();
    int tail = (int) Math.min(size, END_SIZE + 0xffff);
    ByteBuffer buffer = read(channel, size - tail, tail);
    for (int i = buffer.limit() - END_SIZE; i >= 0; i--) {
      if (buffer.getInt(i) == END) {
        long offset = Integer.toUnsignedLong(buffer.getInt(i + 16));
        return offset == 0xffffffffL ? zip64Offset(channel, size - tail + i) : offset;
      }
    }
    return -1;
  }

  private static long zip64Offset(FileChannel channel, long endPosition) throws IOException {
    ByteBuffer locator = read(channel, endPosition - 20, 20);
    if (locator.limit() < 20 || locator.getInt(0) != ZIP64_LOCATOR) {
      return -1;
    }
    ByteBuffer end = read(channel, locator.getLong(8), 56);
    return end.limit() < 56 || end.getInt(0) != ZIP64_END ? -1 : end.getLong(48);
  }

  private static int count(FileChannel channel, long offset, int maxEntries) throws IOException {
    long position = offset;
    int count = 0;
    while (count <= maxEntries) {
      ByteBuffer record = read(channel, position, CENTRAL_SIZE);
      if (record.limit() < CENTRAL_SIZE || record.getInt(0) != CENTRAL) {
        break;
      }
      count++;
      position +=
          CENTRAL_SIZE
              + Short.toUnsignedInt(record.getShort(28))
              + Short.toUnsignedInt(record.getShort(30))
              + Short.toUnsignedInt(record.getShort(32));
    }
    return count;
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    if (position < 0) {
      return buffer.limit(0);
    }
    while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
      // keep reading until full or end of file
    }
    return buffer.flip();
  }
}
