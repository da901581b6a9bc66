package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class PackageUnpackerTest {

  static final Path CONTENT = Path.of("/usr/share/xml/scap/ssg/content");
  static final Path DS = CONTENT.resolve("ssg-firefox-ds.xml");
  static final Path XCCDF = CONTENT.resolve("ssg-firefox-xccdf.xml");
  static final Path OVAL = CONTENT.resolve("ssg-firefox-oval.xml");

  @TempDir Path temp;
  Path target;
  byte[] ds;

  @BeforeEach
  void setUp() throws IOException {
    target = temp.resolve("unpacked");
    ds = Files.readAllBytes(DS);
  }

  @Test
  void unpacksZipWithNestedFolders() throws Exception {
    Path zip =
        zip(
            "content.zip",
            entry("ssg/ssg-firefox-ds.xml", DS),
            entry("ssg/nested/deeper/ssg-firefox-xccdf.xml", XCCDF),
            dir("ssg/empty/"),
            entry("ssg-firefox-oval.xml", OVAL));

    List<Path> files = unpacker(PackageSettings.defaults()).unpack(fetched(zip), target);

    assertThat(files)
        .containsExactly(
            target.resolve("ssg/ssg-firefox-ds.xml"),
            target.resolve("ssg/nested/deeper/ssg-firefox-xccdf.xml"),
            target.resolve("ssg-firefox-oval.xml"));
    assertThat(target.resolve("ssg/ssg-firefox-ds.xml")).hasSameBinaryContentAs(DS);
    assertThat(target.resolve("ssg/nested/deeper/ssg-firefox-xccdf.xml"))
        .hasSameBinaryContentAs(XCCDF);
    assertThat(target.resolve("ssg/empty")).isDirectory();
  }

  @Test
  void unpacksTarGz() throws Exception {
    Path tgz =
        tar(
            "content.tar.gz",
            true,
            tarFile("ssg/ssg-firefox-ds.xml", ds),
            tarFile("ssg/x/xccdf.xml", Files.readAllBytes(XCCDF)));

    List<Path> files = unpacker(PackageSettings.defaults()).unpack(fetched(tgz), target);

    assertThat(files)
        .containsExactly(
            target.resolve("ssg/ssg-firefox-ds.xml"), target.resolve("ssg/x/xccdf.xml"));
    assertThat(target.resolve("ssg/ssg-firefox-ds.xml")).hasSameBinaryContentAs(DS);
    assertThat(target.resolve("ssg/x/xccdf.xml")).hasSameBinaryContentAs(XCCDF);
  }

  @Test
  void recognisesTarInsideGzipByUstarMagicWhateverTheName() throws Exception {
    Path tgz = tar("content.gz", true, tarFile("ssg-firefox-ds.xml", ds));

    List<Path> files = unpacker(PackageSettings.defaults()).unpack(fetched(tgz), target);

    assertThat(files).containsExactly(target.resolve("ssg-firefox-ds.xml"));
  }

  @Test
  void unpacksTarBz2() throws Exception {
    Path tbz = tar("content.tar.bz2", false, tarFile("ssg/ssg-firefox-ds.xml", ds));

    List<Path> files = unpacker(PackageSettings.defaults()).unpack(fetched(tbz), target);

    assertThat(files).containsExactly(target.resolve("ssg/ssg-firefox-ds.xml"));
    assertThat(files.get(0)).hasSameBinaryContentAs(DS);
  }

  @Test
  void unpacksSingleBz2File() throws Exception {
    Path bz2 = temp.resolve("ssg-firefox-ds.xml.bz2");
    try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(bz2))) {
      out.write(ds);
    }

    List<Path> files = unpacker(PackageSettings.defaults()).unpack(fetched(bz2), target);

    assertThat(files).containsExactly(target.resolve("ssg-firefox-ds.xml"));
    assertThat(files.get(0)).hasSameBinaryContentAs(DS);
  }

  @Test
  void unpacksXmlGz() throws Exception {
    Path gz = gzip("ssg-firefox-ds.xml.gz", ds);

    List<Path> files = unpacker(PackageSettings.defaults()).unpack(fetched(gz), target);

    assertThat(files).containsExactly(target.resolve("ssg-firefox-ds.xml"));
    assertThat(files.get(0)).hasSameBinaryContentAs(DS);
  }

  @Test
  void copiesPlainXmlUnderItsFileName() throws Exception {
    Path xml = Files.copy(DS, temp.resolve("download"));
    FetchedFile fetched =
        new FetchedFile(
            xml,
            "ssg-firefox-ds.xml",
            "sha",
            ds.length,
            URI.create("https://example.com/ssg-firefox-ds.xml"));

    List<Path> files = unpacker(PackageSettings.defaults()).unpack(fetched, target);

    assertThat(files).containsExactly(target.resolve("ssg-firefox-ds.xml"));
    assertThat(files.get(0)).hasSameBinaryContentAs(DS);
  }

  @Test
  void recognisesXmlAfterBomAndWhitespace() throws Exception {
    Path xml =
        write(
            "content.bin",
            concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, ' ', '\n'}, ds));

    assertThat(unpacker(PackageSettings.defaults()).unpack(fetched(xml), target)).hasSize(1);
  }

  @Test
  void rejectsZipEntryOutsideTarget() throws Exception {
    Path zip = zip("slip.zip", entry("ok.xml", DS), entry("../evil.xml", DS));

    assertRefused(
        PackageSettings.defaults(), zip, "archive entry '../evil.xml' escapes the package folder");
    assertThat(temp.resolve("evil.xml")).doesNotExist();
  }

  @Test
  void rejectsNestedDotDotInTar() throws Exception {
    Path tgz = tar("slip.tar.gz", true, tarFile("a/../../evil.xml", ds));

    assertRefused(PackageSettings.defaults(), tgz, "escapes the package folder");
  }

  @Test
  void rejectsAbsoluteZipEntries() throws Exception {
    assertRefused(
        PackageSettings.defaults(),
        zip("abs.zip", entry("ok.xml", DS), entry("/etc/evil.xml", DS)),
        "archive entry '/etc/evil.xml' has an absolute path");
    assertRefused(
        PackageSettings.defaults(),
        zip("win.zip", entry("C:\\evil.xml", DS)),
        "archive entry 'C:/evil.xml' has an absolute path");
  }

  @Test
  void rejectsAbsoluteTarEntry() throws Exception {
    TarArchiveEntry absolute = new TarArchiveEntry("/etc/evil.xml", true);
    absolute.setSize(ds.length);
    Path tgz = tar("abs.tar.gz", true, new TarItem(absolute, ds));

    assertRefused(
        PackageSettings.defaults(), tgz, "archive entry '/etc/evil.xml' has an absolute path");
  }

  @Test
  void rejectsBackslashPathsInTar() throws Exception {
    assertRefused(
        PackageSettings.defaults(),
        tar("back.tar.gz", true, tarFile("..\\evil.xml", ds)),
        "archive entry '..\\evil.xml' escapes the package folder");
    assertRefused(
        PackageSettings.defaults(),
        tar("drive.tar.gz", true, tarFile("C:\\evil.xml", ds)),
        "archive entry 'C:\\evil.xml' has an absolute path");
  }

  @Test
  void rejectsSymlinkEntryInTar() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("ssg/passwd.xml", TarConstants.LF_SYMLINK);
    link.setLinkName("/etc/passwd");
    Path tgz = tar("link.tar.gz", true, tarFile("ssg/ds.xml", ds), new TarItem(link, null));

    assertRefused(
        PackageSettings.defaults(),
        tgz,
        "archive entry 'ssg/passwd.xml' is a symbolic link; links are refused");
  }

  @Test
  void rejectsHardLinkEntryInTar() throws Exception {
    TarArchiveEntry link = new TarArchiveEntry("hard.xml", TarConstants.LF_LINK);
    link.setLinkName("ssg/ds.xml");
    Path tgz = tar("hard.tar.gz", true, tarFile("ssg/ds.xml", ds), new TarItem(link, null));

    assertRefused(
        PackageSettings.defaults(),
        tgz,
        "archive entry 'hard.xml' is a hard link; links are refused");
  }

  @Test
  void rejectsDeviceEntryInTar() throws Exception {
    TarArchiveEntry device = new TarArchiveEntry("null", TarConstants.LF_CHR);
    Path tgz = tar("dev.tar.gz", true, new TarItem(device, null));

    assertRefused(
        PackageSettings.defaults(), tgz, "archive entry 'null' is a device, FIFO or socket");
  }

  @Test
  void rejectsSymlinkEntryInZip() throws Exception {
    ZipArchiveEntry link = new ZipArchiveEntry("passwd.xml");
    link.setUnixMode(0120777);
    Path zip =
        zip(
            "link.zip",
            entry("ok.xml", DS),
            new ZipItem(link, "/etc/passwd".getBytes(StandardCharsets.UTF_8)));

    assertRefused(
        PackageSettings.defaults(),
        zip,
        "archive entry 'passwd.xml' is a symbolic link; links are refused");
  }

  @Test
  void rejectsZipBomb() throws Exception {
    Path zip = temp.resolve("bomb.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      out.putArchiveEntry(new ZipArchiveEntry("zeros.xml"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 50; i++) {
        out.write(zeros);
      }
      out.closeArchiveEntry();
    }

    assertRefused(PackageSettings.defaults(), zip, "archive expands more than 100× (zip bomb?)");
  }

  @Test
  void rejectsGzipBomb() throws Exception {
    Path gz = gzip("zeros.xml.gz", new byte[50 * 1024 * 1024]);

    assertRefused(PackageSettings.defaults(), gz, "archive expands more than 100× (zip bomb?)");
  }

  @Test
  void rejectsTooManyEntries() throws Exception {
    Path zip =
        zip(
            "many.zip",
            entry("a.xml", OVAL),
            entry("b.xml", OVAL),
            entry("c.xml", OVAL),
            entry("d.xml", OVAL));

    assertRefused(
        limits(3, DataSize.ofGigabytes(2)),
        zip,
        "archive has more than 3 entries (vigil.packages.max-entries)");
  }

  @Test
  void rejectsTooManyEntriesInTar() throws Exception {
    byte[] small = "<x/>".getBytes(StandardCharsets.UTF_8);
    Path tgz =
        tar(
            "many.tar.gz",
            true,
            tarFile("a.xml", small),
            tarFile("b.xml", small),
            tarFile("c.xml", small),
            tarFile("d.xml", small));

    assertRefused(limits(3, DataSize.ofGigabytes(2)), tgz, "archive has more than 3 entries");
  }

  @Test
  void countsZip64CentralDirectoryBeforeLoadingIt() throws Exception {
    Path zip = temp.resolve("zip64.zip");
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      out.setUseZip64(Zip64Mode.Always);
      for (String name : List.of("a.xml", "b.xml", "c.xml", "d.xml")) {
        out.putArchiveEntry(new ZipArchiveEntry(name));
        out.write(ds);
        out.closeArchiveEntry();
      }
    }
    pointEndRecordToZip64(zip);

    assertRefused(limits(3, DataSize.ofGigabytes(2)), zip, "archive has more than 3 entries");
    assertThat(unpacker(limits(4, DataSize.ofGigabytes(2))).unpack(fetched(zip), target))
        .hasSize(4);
  }

  @Test
  void rejectsUnpackedSizeOverTheLimit() throws Exception {
    Path tgz = tar("big.tar.gz", true, tarFile("ds.xml", ds));

    assertRefused(
        limits(10_000, DataSize.ofKilobytes(100)),
        tgz,
        "archive expands to more than 100 KB (vigil.packages.max-unpacked-size)");
  }

  @Test
  void rejectsGarbageAsUnsupportedFormat() throws Exception {
    Path garbage =
        write(
            "package.zip",
            "MZ\u0090 this is no package at all".getBytes(StandardCharsets.ISO_8859_1));

    assertRefused(
        PackageSettings.defaults(),
        garbage,
        "not a supported package format (expected XML, zip, tar.gz, tar.bz2, bz2 or gz)");
  }

  @Test
  void reportsTruncatedTarGzReadably() throws Exception {
    Path tgz =
        tar(
            "content.tar.gz",
            true,
            tarFile("a.xml", ds),
            tarFile("b.xml", Files.readAllBytes(XCCDF)));
    Path truncated =
        write(
            "cut.tar.gz",
            java.util.Arrays.copyOf(Files.readAllBytes(tgz), (int) Files.size(tgz) / 2));

    assertRefused(
        PackageSettings.defaults(),
        truncated,
        "cannot unpack cut.tar.gz: the archive is damaged or truncated");
  }

  @Test
  void reportsCorruptZipReadably() throws Exception {
    Path zip = zip("content.zip", entry("a.xml", DS));
    byte[] bytes = Files.readAllBytes(zip);
    Path cut = write("cut.zip", java.util.Arrays.copyOf(bytes, bytes.length - 30));

    assertRefused(
        PackageSettings.defaults(),
        cut,
        "cannot unpack cut.zip: the archive is damaged or truncated");
  }

  @Test
  void rejectsDuplicateEntries() throws Exception {
    Path tgz = tar("dup.tar.gz", true, tarFile("a.xml", ds), tarFile("a.xml", ds));

    assertRefused(PackageSettings.defaults(), tgz, "archive entry 'a.xml' appears more than once");
  }

  // --- helpers

  /** Sets the classic end record's directory offset to 0xffffffff, as large zip64 archives do. */
  private static void pointEndRecordToZip64(Path zip) throws IOException {
    byte[] bytes = Files.readAllBytes(zip);
    for (int i = bytes.length - 22; i >= 0; i--) {
      if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 5 && bytes[i + 3] == 6) {
        java.util.Arrays.fill(bytes, i + 16, i + 20, (byte) 0xff);
        Files.write(zip, bytes);
        return;
      }
    }
    throw new AssertionError("no end record");
  }

  private void assertRefused(PackageSettings settings, Path archive, String message) {
    assertThatThrownBy(() -> unpacker(settings).unpack(fetched(archive), target))
        .isInstanceOf(PackageFetchException.class)
        .message()
        .contains(message);
    assertEmpty(target);
  }

  private static void assertEmpty(Path dir) {
    if (Files.exists(dir)) {
      try (Stream<Path> children = Files.list(dir)) {
        assertThat(children).isEmpty();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static PackageUnpacker unpacker(PackageSettings settings) {
    return new PackageUnpacker(settings);
  }

  private static PackageSettings limits(int maxEntries, DataSize maxUnpacked) {
    return new PackageSettings(
        List.of(),
        false,
        DataSize.ofMegabytes(512),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        5,
        maxEntries,
        maxUnpacked,
        100,
        null);
  }

  private static FetchedFile fetched(Path file) throws IOException {
    String name = file.getFileName().toString();
    return new FetchedFile(
        file, name, "unused", Files.size(file), URI.create("https://example.com/" + name));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(temp.resolve(name), bytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private Path gzip(String name, byte[] bytes) throws IOException {
    Path gz = temp.resolve(name);
    try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(gz))) {
      out.write(bytes);
    }
    return gz;
  }

  record ZipItem(ZipArchiveEntry entry, byte[] bytes) {}

  record TarItem(TarArchiveEntry entry, byte[] bytes) {}

  private static ZipItem entry(String name, Path file) throws IOException {
    return new ZipItem(new ZipArchiveEntry(name), Files.readAllBytes(file));
  }

  private static ZipItem dir(String name) {
    return new ZipItem(new ZipArchiveEntry(name), null);
  }

  private static TarItem tarFile(String name, byte[] bytes) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    return new TarItem(entry, bytes);
  }

  private Path zip(String name, ZipItem... items) throws IOException {
    Path zip = temp.resolve(name);
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      for (ZipItem item : items) {
        out.putArchiveEntry(item.entry());
        if (item.bytes() != null) {
          out.write(item.bytes());
        }
        out.closeArchiveEntry();
      }
    }
    return zip;
  }

  private Path tar(String name, boolean gzip, TarItem... items) throws IOException {
    Path tar = temp.resolve(name);
    OutputStream file = Files.newOutputStream(tar);
    OutputStream compressed =
        gzip ? new GzipCompressorOutputStream(file) : new BZip2CompressorOutputStream(file);
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(compressed)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarItem item : items) {
        out.putArchiveEntry(item.entry());
        if (item.bytes() != null) {
          out.write(item.bytes());
        }
        out.closeArchiveEntry();
      }
    }
    return tar;
  }
}
