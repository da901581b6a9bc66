package dev.vigil.packages;

/**
 * A security package could not be fetched or unpacked; the message is a sentence shown to users as
 * the package's failure reason.
 */
class PackageFetchException extends Exception {

  private static final long serialVersionUID = 1L;

  PackageFetchException(String message) {
    super(message);
  }

  PackageFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
