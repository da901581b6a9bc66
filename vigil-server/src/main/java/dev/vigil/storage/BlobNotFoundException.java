package dev.vigil.storage;

/** A blob was asked for by a content address the store does not hold. */
public class BlobNotFoundException extends RuntimeException {
  public BlobNotFoundException(String sha256) {
    super("blob not found: " + sha256);
  }
}
