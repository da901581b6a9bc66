package dev.vigil.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds real archives in memory for package tests, including hostile ones. */
public final class TestArchives {

  /** The directory of Debian's SCAP Security Guide content. */
  public static final Path SSG = Path.of("/usr/share/xml/scap/ssg/content");

  private TestArchives() {}

  /** A zip with the given entry names and contents, in order. */
  public static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A gzip-compressed tar with the given regular files. */
  public static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
    return tarGz(entries, null, null);
  }

  /** A tar.gz with regular files and optionally one symbolic link {@code linkName → target}. */
  public static byte[] tarGz(Map<String, byte[]> entries, String linkName, String target)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (var e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
      if (linkName != null) {
        TarArchiveEntry link = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(target);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A zip holding one entry of {@code size} zero bytes: a tiny file that expands enormously. */
  public static byte[] zipBomb(long size) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("bomb.xml"));
      byte[] zeros = new byte[1 << 20];
      for (long written = 0; written < size; written += zeros.length) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /** The bytes of an SSG file, e.g. {@code ssg-firefox-ds.xml}. */
  public static byte[] ssg(String name) throws IOException {
    return Files.readAllBytes(SSG.resolve(name));
  }
}
