package dev.vigil.packages;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Refuses hosts that resolve to loopback, link-local or private addresses (SSRF protection). {@link
 * #kindOf} is public so that other outbound URLs (webhooks) follow the same policy.
 */
public final class AddressPolicy {

  static final String REFUSED =
      "private addresses are refused"
          + " (set vigil.packages.allow-private-addresses=true to allow them)";

  private final boolean allowPrivate;

  AddressPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** Resolves the host and fails if any of its addresses is not a public one. */
  void check(String host) throws PackageFetchException {
    if (host == null || host.isBlank()) {
      throw new PackageFetchException("the URL has no host");
    }
    InetAddress[] addresses = resolve(host);
    if (allowPrivate) {
      return;
    }
    boolean literal = isLiteral(host);
    for (InetAddress address : addresses) {
      String kind = kindOf(address);
      if (kind != null) {
        String ip = address.getHostAddress();
        throw new PackageFetchException(
            literal
                ? "address " + ip + " is " + kind + "; " + REFUSED
                : host + " resolves to " + ip + ", " + kind + "; " + REFUSED);
      }
    }
  }

  /** What makes the address non-public ("a loopback address"), or null for a public address. */
  public static @Nullable String kindOf(InetAddress address) {
    String kind = directKindOf(address);
    if (kind == null && address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
      return directKindOf(embeddedIpv4(v6));
    }
    return kind;
  }

  private static @Nullable String directKindOf(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isAnyLocalAddress()) {
      return "an any-local (wildcard) address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    if (address.isSiteLocalAddress() || isUniqueLocal(address)) {
      return "a private network address";
    }
    return null;
  }

  private static boolean isUniqueLocal(InetAddress address) {
    return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
  }

  private static InetAddress embeddedIpv4(Inet6Address address) {
    byte[] bytes = address.getAddress();
    try {
      return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isLiteral(String host) {
    return host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
  }

  private static InetAddress[] resolve(String host) throws PackageFetchException {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    try {
      return InetAddress.getAllByName(bare);
    } catch (UnknownHostException | SecurityException e) {
      throw new PackageFetchException("cannot resolve host " + host, e);
    }
  }
}
