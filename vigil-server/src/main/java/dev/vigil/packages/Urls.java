package dev.vigil.packages;

import java.net.URI;
import java.net.URISyntaxException;

/** Shows URLs in messages without any user:password part. */
final class Urls {

  private Urls() {}

  static String display(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    try {
      return new URI(
              url.getScheme(),
              null,
              url.getHost(),
              url.getPort(),
              url.getPath(),
              url.getQuery(),
              url.getFragment())
          .toString();
    } catch (URISyntaxException e) {
      return url.getScheme() + "://" + url.getHost();
    }
  }
}
