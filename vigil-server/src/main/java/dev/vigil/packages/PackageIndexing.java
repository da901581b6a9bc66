package dev.vigil.packages;

import dev.vigil.scap.content.ChecklistInfo;
import dev.vigil.scap.content.ContentFile;
import dev.vigil.scap.content.ContentIndexer;
import dev.vigil.scap.content.FileKind;
import dev.vigil.scap.content.ScapContentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Indexes the unpacked files of a package with {@code vigil-scap}, validates every file that holds
 * a checklist ({@link ContentValidation}) and decides if it is usable.
 */
@Component
class PackageIndexing {

  private static final int LISTED_FILES = 20;

  private final ContentIndexer indexer = new ContentIndexer();
  private final ContentValidation validation;

  PackageIndexing(ContentValidation validation) {
    this.validation = validation;
  }

  /**
   * Indexes every XML file under {@code root}.
   *
   * @param acceptInvalid keep checklists validation finds invalid (with their problem) rather than
   *     refuse the package
   * @throws PackageFetchException when no file holds a checklist, or one is invalid and not
   *     accepted, naming why
   */
  IndexedContent index(Path root, List<Path> files, boolean acceptInvalid)
      throws PackageFetchException {
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
        String problem = content.checklists().isEmpty() ? null : validate(file, rel, content);
        if (problem != null && !acceptInvalid) {
          throw new PackageFetchException(
              rel
                  + " is not valid SCAP content: "
                  + problem
                  + "; oscap would refuse every scan of it (accept invalid content to keep it"
                  + " and scan it with --skip-valid)");
        }
        content.checklists().forEach(c -> checklists.add(checklist(content, c, problem)));
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

  private @Nullable String validate(Path file, String rel, ContentFile content) {
    boolean datastream = content.kind() == FileKind.SOURCE_DATASTREAM;
    ContentValidation.Problem problem = validation.check(file, rel, datastream);
    return problem == null ? null : problem.toString();
  }

  private static Checklist checklist(ContentFile file, ChecklistInfo c, @Nullable String problem) {
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
        b.profiles(),
        problem);
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
