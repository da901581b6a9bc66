package dev.vigil.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Recognises a download that is a web page (a login or error page, a project's landing page)
 * instead of SCAP content, so that users read that and not the XML parser's refusal of its DOCTYPE.
 */
final class HtmlPages {

  static final String MESSAGE = "not a SCAP file: the URL returned an HTML page";
  private static final int HEAD = 1024;

  private HtmlPages() {}

  /** Fails when the file begins, after blanks and a byte order mark, as an HTML page does. */
  static void refuse(Path file) throws PackageFetchException {
    if (isHtml(file)) {
      throw new PackageFetchException(MESSAGE);
    }
  }

  static boolean isHtml(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD);
    } catch (IOException e) {
      return false;
    }
    String text = new String(head, StandardCharsets.UTF_8);
    text = text.replace("\uFEFF", "").stripLeading().toLowerCase(Locale.ROOT);
    while (text.startsWith("<!--")) {
      int end = text.indexOf("-->");
      if (end < 0) {
        return false;
      }
      text = text.substring(end + 3).stripLeading();
    }
    return text.startsWith("<!doctype html") || text.startsWith("<html");
  }
}
