package dev.vigil.packages;

import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

/** Decides whether a redirect may be followed: bounded in number and never from https to http. */
final class RedirectPolicy {

  private final int maxRedirects;

  RedirectPolicy(int maxRedirects) {
    this.maxRedirects = maxRedirects;
  }

  /**
   * The URL to request next.
   *
   * @param from the URL that answered with a redirect
   * @param location its Location header
   * @param followed redirects already followed before this one
   */
  URI next(URI from, @Nullable String location, int followed) throws PackageFetchException {
    if (followed >= maxRedirects) {
      throw new PackageFetchException("too many redirects (more than " + maxRedirects + ")");
    }
    if (location == null || location.isBlank()) {
      throw new PackageFetchException("redirect without a Location from " + Urls.display(from));
    }
    URI to;
    try {
      to = from.resolve(new URI(location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new PackageFetchException("invalid redirect Location '" + location + "'", e);
    }
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new PackageFetchException(
          "redirect to unsupported URL scheme '" + scheme + "' refused");
    }
    if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
      throw new PackageFetchException("redirect from https to " + to.getScheme() + " refused");
    }
    return to;
  }
}
