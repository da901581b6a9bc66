package dev.vigil.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/** Creates local Linux users with a password and, when asked, passwordless sudo, for sshd tests. */
final class LocalUsers {

  private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}");

  private LocalUsers() {}

  static void ensure(String name, boolean sudo, String password) {
    if (!USER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a user name: " + name);
    }
    if (LocalCommands.exitCode("id", "-u", name) != 0) {
      LocalCommands.run(null, "useradd", "-m", "-s", "/bin/bash", name);
    }
    LocalCommands.run(name + ":" + password + "\n", "chpasswd");
    Path sudoers = Path.of("/etc/sudoers.d/vigil-test-" + name);
    try {
      if (sudo) {
        SshdHarness.requireThat(
            Files.isExecutable(Path.of("/usr/bin/sudo")), "this test needs sudo");
        Files.createDirectories(sudoers.getParent());
        Files.writeString(sudoers, name + " ALL=(ALL) NOPASSWD: ALL\n");
        Files.setPosixFilePermissions(sudoers, PosixFilePermissions.fromString("r--r-----"));
      } else {
        Files.deleteIfExists(sudoers);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
