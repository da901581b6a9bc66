package dev.vigil.packages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The folder a package unpacks into: maps entry names to paths that cannot escape it, and remembers
 * what it created so a failed unpack can remove it again.
 */
final class UnpackTarget {

  private final Path root;
  private final Deque<Path> created = new ArrayDeque<>();
  private final List<Path> files = new ArrayList<>();

  UnpackTarget(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    Files.createDirectories(this.root);
  }

  /** Creates the folder an entry names (and its parents). */
  void directory(String entryName) throws IOException, PackageFetchException {
    mkdirs(resolve(entryName), entryName);
  }

  /** Creates a new file for an entry; the caller writes and closes it. */
  OutputStream newFile(String entryName) throws IOException, PackageFetchException {
    Path path = resolve(entryName);
    if (path.equals(root)) {
      throw new PackageFetchException("archive entry '" + display(entryName) + "' has no name");
    }
    mkdirs(Objects.requireNonNull(path.getParent(), "under root"), entryName);
    OutputStream out;
    try {
      out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new PackageFetchException(
          "archive entry '" + display(entryName) + "' appears more than once", e);
    }
    created.push(path);
    files.add(path);
    return out;
  }

  /** The regular files written so far. */
  List<Path> files() {
    return List.copyOf(files);
  }

  /** Deletes everything this target created, newest first. */
  void deleteWritten() {
    while (!created.isEmpty()) {
      try {
        Files.deleteIfExists(created.pop());
      } catch (IOException e) {
        // best effort: keep removing the rest
      }
    }
    files.clear();
  }

  private Path resolve(String entryName) throws PackageFetchException {
    String name = entryName.replace('\\', '/');
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw new PackageFetchException(
          "archive entry '" + display(entryName) + "' has an absolute path");
    }
    Path path;
    try {
      path = root.resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw new PackageFetchException(
          "archive entry '" + display(entryName) + "' has an invalid name", e);
    }
    if (!path.startsWith(root)) {
      throw new PackageFetchException(
          "archive entry '" + display(entryName) + "' escapes the package folder");
    }
    return path;
  }

  private void mkdirs(Path dir, String entryName) throws IOException, PackageFetchException {
    Path current = root;
    for (Path part : root.relativize(dir)) {
      current = current.resolve(part);
      if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(current);
        created.push(current);
      } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        throw new PackageFetchException(
            "archive entry '" + display(entryName) + "' needs a folder where a file exists");
      }
    }
  }

  /** The entry name as it may be shown: no control characters, at most 200 characters. */
  static String display(String entryName) {
    String clean = entryName.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
  }
}
