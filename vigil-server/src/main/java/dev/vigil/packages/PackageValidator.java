package dev.vigil.packages;

import dev.vigil.shared.CommonFields;
import dev.vigil.shared.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a package's fields before anything is written; reports every problem at once. */
final class PackageValidator {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> SCHEMES = Set.of("http", "https", "file");

  private PackageValidator() {}

  static void validate(PackageInput in, boolean creating, boolean nameTaken) {
    Map<String, String> errors = new LinkedHashMap<>();
    CommonFields.name(in.name(), creating, nameTaken, errors);
    checkUrl(in.url(), creating, errors);
    CommonFields.description(in.description(), errors);
    if (in.expectedSha256() != null
        && !in.expectedSha256().isBlank()
        && !SHA256.matcher(in.expectedSha256().trim()).matches()) {
      errors.put("expectedSha256", "must be 64 hexadecimal characters");
    }
    checkLabels(in.labels(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Unable to save security package", errors);
    }
  }

  private static void checkUrl(String url, boolean creating, Map<String, String> errors) {
    if (url == null ? creating : url.isBlank()) {
      errors.put("url", "is required");
      return;
    }
    if (url == null) {
      return;
    }
    if (url.length() > 2048) {
      errors.put("url", "must be at most 2048 characters");
      return;
    }
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!SCHEMES.contains(scheme)) {
        errors.put("url", "must be an http, https or file URL");
      } else if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isBlank())) {
        errors.put("url", "must name a host");
      }
    } catch (URISyntaxException e) {
      errors.put("url", "is not a valid URL: " + e.getReason());
    }
  }

  private static void checkLabels(List<String> labels, Map<String, String> errors) {
    if (labels == null) {
      return;
    }
    for (String label : labels) {
      if (label == null || label.isBlank() || label.length() > 255) {
        errors.put("labels", "each label must be 1 to 255 characters");
        return;
      }
    }
  }
}
