package dev.vigil.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Before anything starts, checks that the embedded H2 database file is not locked by another
 * process (a second Vigil on the same {@code vigil.data-dir}); when it is, prints one line naming
 * the data directory and, where {@code /proc/locks} shows it, the process holding the lock, and
 * exits with status 1 instead of failing deep in start-up with a long stack trace.
 */
public final class DataDirectoryLock
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  private static final String H2_FILE = "jdbc:h2:file:";

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    String url = event.getEnvironment().getProperty("spring.datasource.url", "");
    databaseFile(url)
        .flatMap(DataDirectoryLock::lockedBy)
        .ifPresent(
            holder -> {
              System.err.println(holder);
              System.exit(1);
            });
  }

  /** The H2 file ({@code <name>.mv.db}) of a file database URL; empty for any other database. */
  static Optional<Path> databaseFile(String url) {
    if (!url.startsWith(H2_FILE)) {
      return Optional.empty();
    }
    String name = url.substring(H2_FILE.length()).split(";", 2)[0];
    return Optional.of(Path.of(name + ".mv.db").toAbsolutePath().normalize());
  }

  /** The message when another process holds the file's lock; empty when it is free or absent. */
  static Optional<String> lockedBy(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel ch =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock()) {
      if (lock != null) {
        return Optional.empty();
      }
    } catch (OverlappingFileLockException | IOException e) {
      // held in this JVM, or not ours to open: say so below
    }
    return Optional.of(message(file, holder(file)));
  }

  static String message(Path file, @Nullable String holder) {
    return "Vigil cannot start: its data directory "
        + file.getParent()
        + " is in use"
        + (holder == null ? " by another process" : " by " + holder)
        + " (the database file "
        + file.getFileName()
        + " is locked); stop that process or start with another vigil.data-dir";
  }

  /** {@code process 1234 (java)} holding a lock on the file per /proc/locks, or null. */
  static @Nullable String holder(Path file) {
    try {
      Object inode = Files.getAttribute(file, "unix:ino");
      for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
        String pid = pidLocking(line, String.valueOf(inode));
        if (pid != null) {
          return "process " + pid + command(pid);
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no /proc (not Linux) or no inode: the message names no process
    }
    return null;
  }

  /** The pid of a {@code /proc/locks} line locking {@code inode} ("major:minor:inode"), or null. */
  static @Nullable String pidLocking(String line, String inode) {
    List<String> f = List.of(line.trim().split("\\s+"));
    int i = f.indexOf("->") >= 0 ? 1 : 0;
    if (f.size() < 6 + i) {
      return null;
    }
    String device = f.get(5 + i);
    return device.endsWith(":" + inode) ? f.get(4 + i) : null;
  }

  private static String command(String pid) {
    try {
      return " (" + Files.readString(Path.of("/proc", pid, "comm")).strip() + ")";
    } catch (IOException | IllegalArgumentException e) {
      return "";
    }
  }
}
