package dev.vigil.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from: the peer's, or — only when the peer is a configured trusted
 * proxy — the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy.
 */
@Component
public class ClientAddress {

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private final List<IpAddressMatcher> proxies;

  public ClientAddress(LoginThrottleSettings settings) {
    this.proxies = settings.trustedProxies().stream().map(IpAddressMatcher::new).toList();
  }

  public String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!trusted(peer)) {
      return peer;
    }
    List<String> headers = Collections.list(request.getHeaders("X-Forwarded-For"));
    return rightmostUntrusted(String.join(",", headers), peer);
  }

  private String rightmostUntrusted(String header, String fallback) {
    String[] hops = header.split(",");
    String client = fallback;
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!IP_LITERAL.matcher(hop).matches()) {
        return client;
      }
      client = hop;
      if (!trusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  private boolean trusted(String address) {
    if (address == null || !IP_LITERAL.matcher(address).matches()) {
      return false;
    }
    for (IpAddressMatcher proxy : proxies) {
      if (proxy.matches(address)) {
        return true;
      }
    }
    return false;
  }
}
