package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.scap.content.ProfileInfo;
import dev.vigil.shared.ListQuery;
import dev.vigil.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The security package repositories and the blob store against a real database; run once on H2 and
 * once on PostgreSQL by the subclasses.
 */
abstract class PackageRepositoryContract {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");

  @TempDir Path tmp;
  JdbcClient jdbc;
  PackageRepository packages;
  VersionRepository versions;
  BlobStore blobs;

  abstract DataSource dataSource();

  /** Called by each subclass once its database is ready. */
  void setUp() {
    jdbc = JdbcClient.create(dataSource());
    packages = new PackageRepository(jdbc);
    versions = new VersionRepository(jdbc);
    blobs = new BlobStore(jdbc, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @Test
  void storesAndReadsBackEveryField() {
    long id = packages.insert(pkg("ssg", List.of("os:rhel", "tier:web")));
    SecurityPackage p = packages.find(id).orElseThrow();
    assertThat(p.name()).isEqualTo("ssg");
    assertThat(p.labels()).containsExactly("os:rhel", "tier:web");
    assertThat(p.status()).isEqualTo(PackageStatus.PENDING);
    assertThat(p.createdAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
    assertThat(p.currentVersionId()).isNull();
    assertThat(p.expectedSha256()).isNull();
  }

  @Test
  void rejectsDuplicateNamesAndReportsThemCaseInsensitively() {
    long id = packages.insert(pkg("Dup", List.of()));
    assertThat(packages.nameTaken("dup", null)).isTrue();
    assertThat(packages.nameTaken("dup", id)).isFalse();
    assertThatThrownBy(() -> packages.insert(pkg("Dup", List.of())))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void listsByExactNamePhraseAndLabels() {
    packages.insert(pkg("alpha", List.of("os:rhel")));
    packages.insert(pkg("alphabet", List.of("os:rhel", "tier:web")));
    packages.insert(pkg("beta", List.of("tier:web")));
    assertThat(names(query("alpha", null, List.of(), List.of()))).containsExactly("alpha");
    assertThat(names(query(null, "ALPHA", List.of(), List.of())))
        .containsExactly("alpha", "alphabet");
    assertThat(names(query(null, null, List.of("tier:web", "none"), List.of())))
        .containsExactly("alphabet", "beta");
    assertThat(names(query(null, null, List.of(), List.of("os:rhel", "tier:web"))))
        .containsExactly("alphabet");
    assertThat(packages.count(query(null, "alpha", List.of(), List.of()))).isEqualTo(2);
  }

  @Test
  void pagesAndSortsDescending() {
    for (String n : List.of("c", "a", "b", "d")) {
      packages.insert(pkg(n, List.of()));
    }
    PackageQuery page =
        new PackageQuery(new ListQuery(2, 1, null, null, "name", true), List.of(), List.of());
    assertThat(names(page)).containsExactly("c", "b");
    assertThat(packages.count(page)).isEqualTo(4);
  }

  @Test
  void storesVersionWithItsIndexAndReadsItBackInOrder() throws IOException {
    long id = packages.insert(pkg("indexed", List.of()));
    String sha = blobs.put(file("content-" + UUID.randomUUID())).sha256();
    long v =
        versions.insertVersion(
            new PackageVersion(0, id, 1, sha, "x.xml", 10, "http://h/x.xml", T0));
    versions.insertFiles(v, List.of(new PackageFile("x.xml", "SOURCE_DATASTREAM", null)));
    ProfileInfo p1 = new ProfileInfo("xccdf_p1", "Profile One", "first", 12);
    ProfileInfo p2 = new ProfileInfo("xccdf_p2", "Profile Two", "", 7);
    versions.insertChecklists(
        v,
        List.of(
            new Checklist(
                0,
                "x.xml",
                "SOURCE_DATASTREAM",
                "ds1",
                "cref1",
                "xccdf_b",
                "0.1",
                "B",
                List.of("cpe:/o:a", "cpe:/o:b"),
                100,
                40,
                List.of(p1, p2),
                "File 'x.xml' line 2: Element 'extended-components': This element is not expected")));
    List<Checklist> read = versions.checklists(v);
    assertThat(read).hasSize(1);
    assertThat(read.get(0).validationProblem()).startsWith("File 'x.xml' line 2:");
    assertThat(packages.find(id).orElseThrow().acceptInvalid()).isTrue();
    assertThat(read.get(0).profiles()).containsExactly(p1, p2);
    assertThat(read.get(0).platforms()).containsExactly("cpe:/o:a", "cpe:/o:b");
    assertThat(versions.nextVersionNo(id)).isEqualTo(2);
    assertThat(versions.files(v))
        .extracting(PackageFile::kind)
        .containsExactly("SOURCE_DATASTREAM");
  }

  @Test
  void deletingAPackageRemovesVersionsLabelsAndTellsWhichBlobsOnlyItUsed() throws IOException {
    long a = packages.insert(pkg("a", List.of("x")));
    long b = packages.insert(pkg("b", List.of()));
    String shared = blobs.put(file("shared")).sha256();
    String own = blobs.put(file("own")).sha256();
    versions.insertVersion(new PackageVersion(0, a, 1, shared, "s", 6, "http://h/s", T0));
    versions.insertVersion(new PackageVersion(0, a, 2, own, "o", 3, "http://h/o", T0));
    versions.insertVersion(new PackageVersion(0, b, 1, shared, "s", 6, "http://h/s", T0));
    assertThat(versions.blobsOnlyUsedBy(a)).containsExactly(own);
    packages.delete(a);
    assertThat(packages.find(a)).isEmpty();
    assertThat(versions.versions(a)).isEmpty();
    assertThat(versions.versions(b)).hasSize(1);
  }

  @Test
  void blobStoreRoundTripsLargeContentInChunksAndStoresItOnce() throws IOException {
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(42).nextBytes(data);
    Path f = tmp.resolve("big.bin");
    Files.write(f, data);
    var ref = blobs.put(f);
    assertThat(ref.sha256()).isEqualTo(BlobStore.sha256Of(f));
    assertThat(blobs.put(f)).isEqualTo(ref);
    try (InputStream in = blobs.open(ref.sha256())) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    blobs.delete(ref.sha256());
    assertThat(blobs.exists(ref.sha256())).isFalse();
  }

  private Path file(String content) throws IOException {
    Path f = tmp.resolve(UUID.randomUUID() + ".txt");
    Files.writeString(f, content);
    return f;
  }

  private List<String> names(PackageQuery q) {
    return packages.list(q).stream().map(SecurityPackage::name).toList();
  }

  private static PackageQuery query(
      String name, String phrase, List<String> any, List<String> all) {
    return new PackageQuery(new ListQuery(25, 0, phrase, name, null, false), any, all);
  }

  private static SecurityPackage pkg(String name, List<String> labels) {
    return new SecurityPackage(
        0,
        UUID.randomUUID().toString(),
        name,
        "desc of " + name,
        "https://example.org/" + name,
        true,
        null,
        true,
        labels,
        PackageStatus.PENDING,
        "queued",
        null,
        "admin",
        T0,
        T0);
  }
}
