package dev.vigil.packages;

/** STUB until the fetch branch merges. */
class PackageFetchException extends Exception {
  PackageFetchException(String message) {
    super(message);
  }
}
