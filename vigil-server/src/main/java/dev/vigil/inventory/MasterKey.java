package dev.vigil.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The 256-bit key that encrypts credential secrets: from {@code VIGIL_MASTER_KEY} (base64), or from
 * a key file created on first start with mode 0600.
 */
public final class MasterKey {

  static final String FILE_NAME = "master.key";
  private static final int LENGTH = 32;

  private final byte[] key;
  private final String source;

  private MasterKey(byte[] key, String source) {
    this.key = key.clone();
    this.source = source;
  }

  /** Parses base64 of exactly 32 bytes; {@code source} names where it came from, for errors. */
  public static MasterKey parse(String base64, String source) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the master key in " + source + " is not base64");
    }
    if (raw.length != LENGTH) {
      throw new IllegalStateException(
          "the master key in " + source + " must be 32 bytes (base64), it is " + raw.length);
    }
    return new MasterKey(raw, source);
  }

  /** The configured key if given, else the key file in {@code dataDir}, created when missing. */
  public static MasterKey load(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return parse(configured, "VIGIL_MASTER_KEY");
    }
    return fromFile(dataDir.resolve(FILE_NAME), true);
  }

  /** Reads a key file; when {@code create} and it is missing, writes a new random key first. */
  public static MasterKey fromFile(Path file, boolean create) {
    try {
      if (create && !Files.exists(file)) {
        createFile(file);
      }
      return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read master key file " + file, e);
    }
  }

  /**
   * Writes a new random key to {@code file} with mode 0600 from the start: into a private temp file
   * first, then linked into place, so no reader ever sees a partial or readable file.
   */
  static void createFile(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            ".master-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, random().encoded() + "\n", StandardCharsets.US_ASCII);
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException raced) {
      // another process created it first; use theirs
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A new random key. */
  public static MasterKey random() {
    byte[] raw = new byte[LENGTH];
    new SecureRandom().nextBytes(raw);
    return new MasterKey(raw, "a new random key");
  }

  byte[] bytes() {
    return key.clone();
  }

  /** Base64 of the key, to write to a key file. */
  String encoded() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** Where the key came from, for messages. */
  String source() {
    return source;
  }

  /** A short id of the key (first 4 bytes of its SHA-256), stored with every ciphertext. */
  byte[] id() {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String idHex() {
    return HexFormat.of().formatHex(id());
  }

  @Override
  public String toString() {
    return "MasterKey[id=" + idHex() + ", from " + source + "]";
  }
}
