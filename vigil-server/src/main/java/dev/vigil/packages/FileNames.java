package dev.vigil.packages;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Derives a safe file name for a download from its URL or Content-Disposition header. */
final class FileNames {

  static final String FALLBACK = "download";

  private static final Pattern DISPOSITION_NAME =
      Pattern.compile("filename\\s*=\\s*(\"([^\"]*)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);

  private FileNames() {}

  /** The Content-Disposition filename if there is one, else the URL's last path segment. */
  static String of(URI url, @Nullable String contentDisposition) {
    if (contentDisposition != null) {
      Matcher m = DISPOSITION_NAME.matcher(contentDisposition);
      if (m.find()) {
        String name = sanitize(m.group(2) != null ? m.group(2) : m.group(3));
        if (!name.equals(FALLBACK)) {
          return name;
        }
      }
    }
    String path = url.getPath();
    return sanitize(path == null ? "" : path);
  }

  /** The last segment of the name, reduced to letters, digits, dot, dash and underscore. */
  static String sanitize(String name) {
    String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    String safe = last.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
    if (safe.length() > 200) {
      safe = safe.substring(safe.length() - 200);
    }
    return safe.isEmpty() ? FALLBACK : safe;
  }

  /** The name in lower case, for matching extensions. */
  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
