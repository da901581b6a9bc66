package dev.vigil.scanning;

/**
 * Pins a server's host key at its first authenticated connection (trust on first use), before the
 * session does anything else, so whatever fails later the key is pinned.
 */
@FunctionalInterface
public interface FirstUsePin {

  /** Pins {@code presented} unless a key is pinned already; returns the key pinned now. */
  String pin(String presented);
}
