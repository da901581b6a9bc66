package dev.vigil.packages;

import dev.vigil.scap.content.ChecklistInfo;
import dev.vigil.scap.content.ContentFile;
import dev.vigil.scap.content.ContentIndexer;
import dev.vigil.scap.content.ScapContentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Indexes the unpacked files of a package with {@code vigil-scap} and decides if it is usable. */
@Component
class PackageIndexing {

  private static final int LISTED_FILES = 20;

  private final ContentIndexer indexer = new ContentIndexer();

  /**
   * Indexes every XML file under {@code root}.
   *
   * @throws PackageFetchException when no file holds a checklist, naming why
   */
  IndexedContent index(Path root, List<Path> files) throws PackageFetchException {
    List<PackageFile> indexed = new ArrayList<>();
    List<Checklist> checklists = new ArrayList<>();
    for (Path file : files.stream().sorted().toList()) {
      String rel = relative(root, file);
      if (!looksLikeXml(file)) {
        indexed.add(new PackageFile(rel, "NOT_XML", null));
        continue;
      }
      try {
        ContentFile content = indexer.index(file, rel);
        indexed.add(new PackageFile(rel, content.kind().name(), null));
        content.checklists().forEach(c -> checklists.add(checklist(content, c)));
      } catch (ScapContentException e) {
        indexed.add(new PackageFile(rel, "INVALID", e.getMessage()));
      }
    }
    if (checklists.isEmpty()) {
      throw new PackageFetchException(noChecklist(indexed));
    }
    return new IndexedContent(indexed, checklists);
  }

  private static String noChecklist(List<PackageFile> files) {
    List<PackageFile> broken = files.stream().filter(f -> f.problem() != null).toList();
    if (!broken.isEmpty()) {
      PackageFile first = broken.get(0);
      return first.path() + ": " + first.problem();
    }
    String names =
        files.stream().limit(LISTED_FILES).map(PackageFile::path).collect(Collectors.joining(", "));
    String more =
        files.size() > LISTED_FILES ? " and " + (files.size() - LISTED_FILES) + " more" : "";
    return "no SCAP checklist found in " + (names.isEmpty() ? "an empty package" : names) + more;
  }

  private static Checklist checklist(ContentFile file, ChecklistInfo c) {
    var b = c.benchmark();
    return new Checklist(
        0,
        file.path(),
        file.kind().name(),
        c.dataStreamId(),
        c.componentRefId(),
        b.id(),
        b.version(),
        b.title(),
        b.platforms(),
        b.ruleCount(),
        b.defaultRuleCount(),
        b.profiles());
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** XML by name, or by a first non-blank character of {@code <}. */
  private static boolean looksLikeXml(Path file) {
    if (file.getFileName().toString().toLowerCase().endsWith(".xml")) {
      return true;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(512);
      for (int i = 0; i < head.length; i++) {
        int b = head[i] & 0xff;
        if (b == '<') {
          return true;
        }
        if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
          return false;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
