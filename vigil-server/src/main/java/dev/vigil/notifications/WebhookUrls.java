package dev.vigil.notifications;

import dev.vigil.packages.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Checks a webhook URL: http or https, a host, no user name or password, and — as for package URLs
 * ({@link AddressPolicy}) — no host that resolves to a loopback, link-local, private, multicast or
 * wildcard address unless {@code vigil.webhooks.allow-private-addresses} is set. Checked when the
 * webhook is saved and again before every attempt (a name may resolve elsewhere later).
 */
final class WebhookUrls {

  static final String REFUSED =
      "private addresses are refused"
          + " (set vigil.webhooks.allow-private-addresses=true to allow them)";
  static final int MAX_LENGTH = 2000;

  private final boolean allowPrivate;

  WebhookUrls(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** The parsed URL; {@link Refused} with what is wrong. */
  URI check(String url) {
    URI uri = parse(url);
    checkAddress(uri.getHost());
    return uri;
  }

  /** The URL's form only (scheme, host, no user info), without resolving it. */
  static URI parse(String url) {
    if (url == null || url.isBlank()) {
      throw new Refused("is required");
    }
    String u = url.trim();
    if (u.length() > MAX_LENGTH) {
      throw new Refused("must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw new Refused("is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Refused("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new Refused("has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("must not hold a user name or password (sign with the secret instead)");
    }
    return uri;
  }

  /** Resolves the host and refuses any non-public address unless private ones are allowed. */
  void checkAddress(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException | SecurityException e) {
      throw new Refused("cannot resolve host " + host);
    }
    if (allowPrivate) {
      return;
    }
    boolean literal = host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
    for (InetAddress address : addresses) {
      String kind = AddressPolicy.kindOf(address);
      if (kind != null) {
        String ip = address.getHostAddress();
        throw new Refused(
            literal
                ? "address " + ip + " is " + kind + "; " + REFUSED
                : host + " resolves to " + ip + ", " + kind + "; " + REFUSED);
      }
    }
  }

  /** A URL that may not be used, and why (a message about the field {@code url}). */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
