package dev.vigil.storage;

import java.io.InputStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads a blob's stored chunks one at a time, in order. */
final class ChunkInputStream extends InputStream {
  private final JdbcClient jdbc;
  private final String sha256;
  private final int chunks;
  private int next;
  private byte[] current = new byte[0];
  private int pos;

  ChunkInputStream(JdbcClient jdbc, String sha256, int chunks) {
    this.jdbc = jdbc;
    this.sha256 = sha256;
    this.chunks = chunks;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    while (pos >= current.length) {
      if (next >= chunks) {
        return -1;
      }
      current =
          jdbc.sql(
                  "select coalesce(c.data, s.data) from blob_chunks c left join blob_segments s"
                      + " on s.sha256 = c.segment_sha256 where c.sha256 = ? and c.seq = ?")
              .params(sha256, next++)
              .query(byte[].class)
              .single();
      pos = 0;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }
}
