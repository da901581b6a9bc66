package dev.vigil.inventory;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The plaintext of a credential's secret, encoded as length-prefixed UTF-8 fields before
 * encryption; {@code toString} never shows it.
 */
record StoredSecret(
    @Nullable String password, @Nullable String privateKey, @Nullable String passphrase) {

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      write(out, password);
      write(out, privateKey);
      write(out, passphrase);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static StoredSecret decode(byte[] plain) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plain))) {
      if (in.readByte() != 1) {
        throw new SecretUnreadableException("the stored secret has an unknown record version");
      }
      return new StoredSecret(read(in), read(in), read(in));
    } catch (IOException e) {
      throw new SecretUnreadableException("the stored secret record is damaged");
    }
  }

  private static void write(DataOutputStream out, @Nullable String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static @Nullable String read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "StoredSecret[***]";
  }
}
