package dev.vigil.results;

import dev.vigil.packages.ChecklistFile;
import dev.vigil.packages.PackageService;
import dev.vigil.scap.arf.EmbeddedDatastream.Span;
import dev.vigil.scap.arf.SameContent;
import dev.vigil.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The datastreams oscap embeds in ARFs, kept once each. An embedded copy is kept only when it holds
 * the same content as the checklist of the scan's package version ({@link SameContent}: oscap
 * re-serialises it, so the bytes differ from the package file's); the check is made once per
 * package version, checklist and copy, and remembered in {@code scan_datastreams}.
 */
@Component
class DatastreamCopies {

  private static final Logger log = LoggerFactory.getLogger(DatastreamCopies.class);

  /** A shared copy's sha256, or null and the reason the ARF must be stored whole. */
  record Outcome(String sha256, String reason) {}

  private final JdbcClient jdbc;
  private final BlobStore blobs;
  private final PackageService packages;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  DatastreamCopies(
      JdbcClient jdbc,
      BlobStore blobs,
      PackageService packages,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.blobs = blobs;
    this.packages = packages;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The shared copy of the ARF's embedded datastream, checked and stored if new. */
  Outcome shared(NewScan s, Span span) {
    return shared(s, span, null);
  }

  /**
   * As {@link #shared(NewScan, Span)}, with the sha256 of the span's bytes when the caller already
   * computed it ({@link #sha256(Path, Span)}), else null.
   */
  Outcome shared(NewScan s, Span span, String knownSha) {
    if (s.packageVersionId() == null) {
      return new Outcome(null, "the scan names no package version");
    }
    if (!sourceDatastream(s)) {
      // oscap wraps an XCCDF checklist in a datastream of its own making, new with every scan
      return new Outcome(null, "checklist " + s.checklistPath() + " is not a source datastream");
    }
    Path work = null;
    try {
      String sha = knownSha != null ? knownSha : sha256(s.arfFile(), span);
      if (known(s, sha)) {
        return new Outcome(sha, null);
      }
      work = Files.createTempDirectory("vigil-ds");
      Path embedded = work.resolve("embedded.xml");
      cut(s.arfFile(), span, embedded);
      Check check = checkAgainstPackage(s, embedded, work);
      Optional<String> problem = Optional.ofNullable(check.problem());
      if (problem.isPresent()) {
        log.warn(
            "the datastream in the ARF of {} is not checklist {} of package version {}: {}",
            s.serverName(),
            s.checklistPath(),
            s.packageVersionId(),
            problem.get());
        return new Outcome(null, problem.get());
      }
      remember(s, blobs.put(embedded).sha256(), check.checklistSha256());
      return new Outcome(sha, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the datastream in " + s.arfFile(), e);
    } finally {
      deleteTree(work);
    }
  }

  /** Whether the ARF's datastream may be a shared copy: the scan's checklist is a datastream. */
  boolean mayShare(NewScan s) {
    return s.packageVersionId() != null && sourceDatastream(s);
  }

  private boolean sourceDatastream(NewScan s) {
    try {
      return "SOURCE_DATASTREAM"
          .equals(packages.pinnedChecklist(s.packageVersionId(), s.checklistPath(), null).kind());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private boolean known(NewScan s, String sha) {
    return jdbc.sql(
                "select count(*) from scan_datastreams where package_version_id = ?"
                    + " and checklist_path = ? and datastream_sha256 = ?")
            .params(s.packageVersionId(), s.checklistPath(), sha)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The package checklist's sha256, or the problem that keeps the copy from being shared. */
  private record Check(String checklistSha256, String problem) {}

  private Check checkAgainstPackage(NewScan s, Path embedded, Path work) throws IOException {
    ChecklistFile checklist;
    try {
      // the scanned version, which the execution pinned: the package may serve a newer one now
      checklist = packages.checklistFileOfVersion(s.packageVersionId(), s.checklistPath(), null);
    } catch (RuntimeException e) {
      return new Check(null, "the package's checklist cannot be read: " + e.getMessage());
    }
    try (InputStream pkg = Files.newInputStream(checklist.file());
        InputStream arf = Files.newInputStream(embedded)) {
      return new Check(
          checklist.sha256(),
          SameContent.difference(pkg, arf)
              .map(d -> "its content differs from the package's (" + d + ")")
              .orElse(null));
    }
  }

  private void remember(NewScan s, String sha, String checklistSha) {
    try {
      savepoint.executeWithoutResult(
          t ->
              jdbc.sql(
                      "insert into scan_datastreams (package_version_id, checklist_path,"
                          + " datastream_sha256, checklist_sha256, created_at)"
                          + " values (?, ?, ?, ?, ?)")
                  .params(
                      s.packageVersionId(),
                      s.checklistPath(),
                      sha,
                      checklistSha,
                      OffsetDateTime.now(clock))
                  .update());
    } catch (DataAccessException e) {
      // another scan of the same version remembered it first; the check is only a cache
      log.debug("datastream {} already remembered: {}", sha, e.getMessage());
    }
  }

  /** The sha256 of the span's bytes. */
  static String sha256(Path arf, Span span) throws IOException {
    MessageDigest digest = sha256();
    try (FileChannel in = FileChannel.open(arf, StandardOpenOption.READ)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(1 << 16);
      long at = span.start();
      while (at < span.end()) {
        buf.clear().limit((int) Math.min(buf.capacity(), span.end() - at));
        int n = in.read(buf, at);
        if (n < 0) {
          throw new IOException(arf + " ends inside its datastream");
        }
        digest.update(buf.flip());
        at += n;
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Copies the span out of the ARF. */
  private static void cut(Path arf, Span span, Path target) throws IOException {
    try (FileChannel in = FileChannel.open(arf, StandardOpenOption.READ);
        OutputStream out = Files.newOutputStream(target)) {
      copyRange(in, span.start(), span.length(), out);
    }
  }

  /** Copies {@code count} bytes of the file from {@code from} to the stream. */
  static void copyRange(FileChannel in, long from, long count, OutputStream out)
      throws IOException {
    var target = Channels.newChannel(out);
    long done = 0;
    while (done < count) {
      long n = in.transferTo(from + done, count - done, target);
      if (n <= 0) {
        throw new IOException("file ends at " + (from + done) + ", before " + (from + count));
      }
      done += n;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp folder is harmless
    }
  }
}
