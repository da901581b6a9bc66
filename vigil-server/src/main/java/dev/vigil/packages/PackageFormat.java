package dev.vigil.packages;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The formats a security package file may have, recognised by magic bytes rather than name. */
enum PackageFormat {
  XML,
  ZIP,
  GZIP,
  TAR_GZIP,
  BZIP2,
  TAR_BZIP2;

  static final String UNSUPPORTED =
      "not a supported package format (expected XML, zip, tar.gz, tar.bz2, bz2 or gz)";

  private static final int HEAD = 512;
  private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);

  /** Detects the format from the file's first bytes; the name only tells tar.gz from plain gz. */
  static PackageFormat detect(Path file, String fileName)
      throws IOException, PackageFetchException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD);
    }
    String name = FileNames.lower(fileName);
    if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) {
      return ZIP;
    }
    if (startsWith(head, 0x1f, 0x8b)) {
      boolean tar = name.endsWith(".tar.gz") || name.endsWith(".tgz") || hasTarHeader(file, true);
      return tar ? TAR_GZIP : GZIP;
    }
    if (startsWith(head, 'B', 'Z', 'h')) {
      boolean tar =
          name.endsWith(".tar.bz2") || name.endsWith(".tbz2") || hasTarHeader(file, false);
      return tar ? TAR_BZIP2 : BZIP2;
    }
    if (looksLikeXml(head)) {
      return XML;
    }
    throw new PackageFetchException(UNSUPPORTED);
  }

  boolean isTar() {
    return this == TAR_GZIP || this == TAR_BZIP2;
  }

  /** Opens the decompressed bytes of a gzip or bzip2 file (members of concatenated gzip too). */
  static InputStream decompress(Path file, boolean gzip) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    try {
      return gzip
          ? GzipCompressorInputStream.builder()
              .setInputStream(raw)
              .setDecompressConcatenated(true)
              .get()
          : new BZip2CompressorInputStream(raw, true);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static boolean hasTarHeader(Path file, boolean gzip) {
    try (InputStream in = decompress(file, gzip)) {
      byte[] block = in.readNBytes(HEAD);
      return block.length >= 262 && Arrays.equals(block, 257, 262, USTAR, 0, USTAR.length);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean looksLikeXml(byte[] head) {
    int i = startsWith(head, 0xef, 0xbb, 0xbf) ? 3 : 0;
    while (i < head.length
        && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    return i < head.length && head[i] == '<';
  }

  private static boolean startsWith(byte[] head, int... magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
