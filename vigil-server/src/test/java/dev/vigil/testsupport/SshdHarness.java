package dev.vigil.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH {@code sshd} on a loopback address and a free port, with a fresh ed25519 host key
 * and per-user authorized keys in a temporary directory; skips the test (fails under CI=true) when
 * it cannot run here.
 */
public final class SshdHarness implements AutoCloseable {

  private static final Path SSHD = Path.of("/usr/sbin/sshd");

  private final String host;
  private final Path dir;
  private final int port;
  private final List<Path> userKeys = new ArrayList<>();
  private final Set<String> authorized = new LinkedHashSet<>();
  private final List<String> extraConfig;
  private Process sshd;

  private SshdHarness(String host) throws IOException {
    this(host, List.of());
  }

  private SshdHarness(String host, List<String> extraConfig) throws IOException {
    this.host = host;
    this.extraConfig = List.copyOf(extraConfig);
    this.dir = Files.createTempDirectory("vigil-sshd-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    this.port = freePort(host);
    hostKey();
    userKeys.add(generateKey("user_key", ""));
    writeConfig();
    try {
      launch();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts sshd on 127.0.0.2. */
  public static SshdHarness start() throws IOException {
    return start("127.0.0.2");
  }

  /** Starts sshd on the given loopback address (127.0.0.0/8). */
  public static SshdHarness start(String loopbackHost) throws IOException {
    requireRunnable();
    if (!InetAddress.getByName(loopbackHost).isLoopbackAddress()) {
      throw new IllegalArgumentException("only loopback addresses: " + loopbackHost);
    }
    return new SshdHarness(loopbackHost);
  }

  /**
   * Starts sshd on 127.0.0.2 with extra {@code sshd_config} lines appended (such as a {@code Match
   * User} block).
   */
  public static SshdHarness startWithConfig(List<String> extraConfig) throws IOException {
    requireRunnable();
    return new SshdHarness("127.0.0.2", extraConfig);
  }

  /** Skips (or under CI=true fails) when this is not root or when there is no sshd. */
  public static void requireRunnable() {
    requireThat("root".equals(System.getProperty("user.name")), "tests with sshd need root");
    requireThat(Files.isExecutable(SSHD), "tests with sshd need " + SSHD + " (openssh-server)");
    requireThat(
        Files.isExecutable(Path.of("/usr/bin/ssh-keygen")),
        "tests with sshd need ssh-keygen (openssh-client)");
  }

  /** Skips (or under CI=true fails) when {@code condition} is false. */
  public static void requireThat(boolean condition, String message) {
    if (condition) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(message + " (CI=true, so this fails instead of skipping)");
    }
    Assumptions.assumeTrue(false, message);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The host key's {@code SHA256:…} fingerprint as {@code ssh-keygen -lf -E sha256} prints it. */
  public String hostKeyFingerprint() {
    String line =
        LocalCommands.run(
            null, "ssh-keygen", "-lf", dir.resolve("host_key.pub").toString(), "-E", "sha256");
    return line.trim().split("\\s+")[1];
  }

  /** The user private key (OpenSSH format, no passphrase) that {@link #authorize} lets in. */
  public String userKey() {
    return read(userKeys.get(0));
  }

  /** A new user private key encrypted with {@code passphrase}, authorized like the first. */
  public synchronized String userKeyWithPassphrase(String passphrase) {
    Path key = generateKey("user_key_" + userKeys.size(), passphrase);
    userKeys.add(key);
    authorized.forEach(this::writeAuthorizedKeys);
    return read(key);
  }

  /** Lets every user key of this harness log in as {@code user}. */
  public synchronized void authorize(String user) {
    authorized.add(user);
    writeAuthorizedKeys(user);
  }

  /**
   * Makes sure a local Linux user exists with this password, with passwordless sudo when {@code
   * sudo}, without it otherwise.
   */
  public static void ensureUser(String name, boolean sudo, String password) {
    LocalUsers.ensure(name, sudo, password);
  }

  /** Stops sshd (SIGTERM to its pid) and waits until it is gone; idempotent. */
  public synchronized void stop() {
    if (sshd == null) {
      return;
    }
    sshd.destroy();
    try {
      if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
        sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sshd = null;
    await().atMost(Duration.ofSeconds(10)).until(() -> !accepts());
  }

  /** Starts sshd again on the same port with the same keys (stopping it first if it runs). */
  public synchronized void restart() throws IOException {
    stop();
    launch();
  }

  /** Stops sshd, replaces its host key and starts it again on the same port. */
  public synchronized void restartWithNewHostKey() throws IOException {
    stop();
    Files.deleteIfExists(dir.resolve("host_key"));
    Files.deleteIfExists(dir.resolve("host_key.pub"));
    hostKey();
    launch();
  }

  @Override
  public void close() {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() throws IOException {
    Path log = dir.resolve("sshd.log");
    sshd =
        new ProcessBuilder(
                SSHD.toString(),
                "-D",
                "-f",
                dir.resolve("sshd_config").toString(),
                "-E",
                log.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.out").toFile())
            .start();
    Process started = sshd;
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .failFast("sshd exited; see " + log, () -> !started.isAlive())
        .until(this::accepts);
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void writeConfig() throws IOException {
    Files.createDirectories(Path.of("/run/sshd"));
    String config =
        String.join(
            "\n",
            "ListenAddress " + host,
            "Port " + port,
            "HostKey " + dir.resolve("host_key"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys_%u"),
            "PidFile " + dir.resolve("sshd.pid"),
            "UsePAM no",
            "StrictModes no",
            "PermitRootLogin yes",
            "PubkeyAuthentication yes",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "MaxStartups 100",
            "Subsystem sftp internal-sftp",
            "");
    Files.writeString(dir.resolve("sshd_config"), config + String.join("\n", extraConfig) + "\n");
  }

  private void hostKey() {
    generateKey("host_key", "");
  }

  private Path generateKey(String name, String passphrase) {
    Path key = dir.resolve(name);
    LocalCommands.run(
        null,
        "ssh-keygen",
        "-q",
        "-t",
        "ed25519",
        "-N",
        passphrase,
        "-C",
        "vigil-test",
        "-f",
        key.toString());
    return key;
  }

  private void writeAuthorizedKeys(String user) {
    StringBuilder keys = new StringBuilder();
    userKeys.forEach(key -> keys.append(read(Path.of(key + ".pub"))));
    try {
      Path file = dir.resolve("authorized_keys_" + user);
      Files.writeString(file, keys.toString());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }
}
