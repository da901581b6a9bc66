package dev.vigil.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh ed25519 private keys made with ssh-keygen, for credential tests. */
final class TestKeys {

  private TestKeys() {}

  /** A new OpenSSH private key, encrypted when {@code passphrase} is not empty. */
  static String generate(Path dir, String passphrase) {
    Path key = dir.resolve("k" + System.nanoTime());
    try {
      Process p =
          new ProcessBuilder(
                  "ssh-keygen",
                  "-q",
                  "-t",
                  "ed25519",
                  "-N",
                  passphrase,
                  "-C",
                  "t",
                  "-f",
                  key.toString())
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("ssh-keygen failed");
      }
      return Files.readString(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
