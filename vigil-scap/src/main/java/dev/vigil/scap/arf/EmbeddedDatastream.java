package dev.vigil.scap.arf;

import dev.vigil.scap.content.ScapContentException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Finds, in the bytes of an ARF, the source datastream that {@code oscap xccdf eval --results-arf}
 * copies into {@code arf:report-requests/arf:report-request/arf:content}, so that it can be cut out
 * and put back byte for byte.
 *
 * <p>A byte-level scan, not a parser: it follows tags, comments, CDATA sections and processing
 * instructions and quoted attribute values, and expands nothing, so nothing in the file can make it
 * fetch or grow anything. It refuses a DOCTYPE, a document that ends inside markup or with open
 * elements, and end tags that do not match their start tags. Elements are matched by local name.
 */
public final class EmbeddedDatastream {

  private static final List<String> PATH =
      List.of(
          "asset-report-collection",
          "report-requests",
          "report-request",
          "content",
          "data-stream-collection");

  /**
   * Where the embedded datastream lies in the file.
   *
   * @param start offset of its start tag's {@code <}
   * @param end offset just past its end tag's {@code >}
   */
  public record Span(long start, long end) {
    public long length() {
      return end - start;
    }
  }

  private final Scanner in;
  private final Deque<String> open = new ArrayDeque<>();
  private long start = -1;
  private long end = -1;
  private boolean sawRoot;

  private EmbeddedDatastream(InputStream in) {
    this.in = new Scanner(in);
  }

  /**
   * The span of the first datastream collection under {@code arf:content}, empty when there is
   * none.
   *
   * @throws ScapContentException when the file cannot be read, declares a DOCTYPE or is not a
   *     well-formed tree of elements
   */
  public static Optional<Span> locate(Path arf) throws ScapContentException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(arf), 1 << 16)) {
      return new EmbeddedDatastream(in).scan(arf.getFileName().toString());
    } catch (IOException e) {
      throw new ScapContentException("cannot read " + arf + ": " + e.getMessage(), e);
    }
  }

  private Optional<Span> scan(String name) throws IOException, ScapContentException {
    while (in.skipToMarkup()) {
      markup(in.position() - 1, name);
    }
    if (!sawRoot) {
      throw new ScapContentException(name + " holds no XML element");
    }
    if (!open.isEmpty()) {
      throw new ScapContentException(
          name + " ends before its XML document does (truncated?): <" + open.peek() + "> is open");
    }
    return start >= 0 && end > start ? Optional.of(new Span(start, end)) : Optional.empty();
  }

  private void markup(long at, String name) throws IOException, ScapContentException {
    int c = in.need(name);
    switch (c) {
      case '?' -> in.skipPast("?>", name);
      case '!' -> declaration(name);
      case '/' -> endTag(name);
      default -> startTag(at, c, name);
    }
  }

  private void declaration(String name) throws IOException, ScapContentException {
    int c = in.need(name);
    if (c == '-' && in.need(name) == '-') {
      in.skipPast("-->", name);
    } else if (c == '[' && in.word(6, name).equals("CDATA[")) {
      in.skipPast("]]>", name);
    } else if (c == 'D' && in.word(6, name).equals("OCTYPE")) {
      throw new ScapContentException(name + " declares a DOCTYPE, which is not allowed");
    } else {
      throw new ScapContentException(name + " is not well-formed XML near offset " + in.position());
    }
  }

  private void endTag(String name) throws IOException, ScapContentException {
    String tag = in.name(in.need(name), name);
    int c = in.skipSpace(name);
    if (c != '>') {
      throw new ScapContentException(name + " has a malformed end tag </" + tag + ">");
    }
    String expected = open.poll();
    if (!tag.equals(expected)) {
      throw new ScapContentException(
          name
              + " is not well-formed XML: </"
              + tag
              + "> closes "
              + (expected == null ? "nothing" : "<" + expected + ">"));
    }
    if (start >= 0 && end < 0 && open.size() == PATH.size() - 1) {
      end = in.position();
    }
  }

  private void startTag(long at, int first, String name) throws IOException, ScapContentException {
    if (sawRoot && open.isEmpty()) {
      throw new ScapContentException(name + " has a second root element");
    }
    String tag = in.name(first, name);
    boolean empty = in.skipAttributes(name);
    sawRoot = true;
    if (empty) {
      return;
    }
    open.push(tag);
    if (start < 0 && open.size() == PATH.size() && onPath()) {
      start = at;
    }
  }

  private boolean onPath() {
    int i = PATH.size() - 1;
    for (String tag : open) {
      if (!PATH.get(i--).equals(local(tag))) {
        return false;
      }
    }
    return true;
  }

  private static String local(String qname) {
    int colon = qname.indexOf(':');
    return colon < 0 ? qname : qname.substring(colon + 1);
  }

  /** Buffered byte reading with the offset of the next byte. */
  private static final class Scanner {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int len;
    private int pos;
    private long base;

    Scanner(InputStream in) {
      this.in = in;
    }

    long position() {
      return base + pos;
    }

    int next() throws IOException {
      if (pos == len) {
        base += len;
        len = in.read(buf, 0, buf.length);
        pos = 0;
        if (len <= 0) {
          len = 0;
          return -1;
        }
      }
      return buf[pos++] & 0xff;
    }

    /** Consumes bytes up to and including the next {@code <}; false at the end of the input. */
    boolean skipToMarkup() throws IOException {
      while (true) {
        for (int i = pos; i < len; i++) {
          if (buf[i] == '<') {
            pos = i + 1;
            return true;
          }
        }
        pos = len;
        if (next() < 0) {
          return false;
        }
        pos--;
      }
    }

    int need(String name) throws IOException, ScapContentException {
      int b = next();
      if (b < 0) {
        throw new ScapContentException(
            name + " ends before its XML document does (truncated?): inside markup");
      }
      return b;
    }

    String word(int n, String name) throws IOException, ScapContentException {
      byte[] w = new byte[n];
      for (int i = 0; i < n; i++) {
        w[i] = (byte) need(name);
      }
      return new String(w, StandardCharsets.ISO_8859_1);
    }

    void skipPast(String terminator, String name) throws IOException, ScapContentException {
      byte[] t = terminator.getBytes(StandardCharsets.US_ASCII);
      int matched = 0;
      while (matched < t.length) {
        int b = need(name);
        if (b == t[matched]) {
          matched++;
        } else {
          matched = b == t[0] ? 1 : 0;
        }
      }
    }

    /** Reads a name starting with {@code first}; leaves the byte after it unread. */
    String name(int first, String name) throws IOException, ScapContentException {
      StringBuilder sb = new StringBuilder();
      int b = first;
      while (!isSpace(b) && b != '>' && b != '/' && b != '=' && b != '<') {
        if (sb.length() > 1000) {
          throw new ScapContentException(name + " has an element name over 1000 bytes");
        }
        sb.append((char) b);
        b = need(name);
      }
      pos--;
      if (sb.isEmpty()) {
        throw new ScapContentException(name + " is not well-formed XML near offset " + position());
      }
      return sb.toString();
    }

    int skipSpace(String name) throws IOException, ScapContentException {
      int b;
      do {
        b = need(name);
      } while (isSpace(b));
      return b;
    }

    /** Skips to the end of a start tag; true when it was an empty-element tag. */
    boolean skipAttributes(String name) throws IOException, ScapContentException {
      int last = 0;
      while (true) {
        int b = need(name);
        if (b == '"' || b == '\'') {
          int q = b;
          while (need(name) != q) {
            // inside a quoted value
          }
        } else if (b == '>') {
          return last == '/';
        } else if (b == '<') {
          throw new ScapContentException(
              name + " is not well-formed XML: '<' inside a tag near offset " + position());
        }
        if (!isSpace(b)) {
          last = b;
        }
      }
    }

    private static boolean isSpace(int b) {
      return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
  }
}
