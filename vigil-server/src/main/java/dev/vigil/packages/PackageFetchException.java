package dev.vigil.packages;

import org.jspecify.annotations.Nullable;

/**
 * A security package could not be fetched or unpacked; the message is a sentence shown to users as
 * the package's failure reason.
 */
class PackageFetchException extends Exception {

  private static final long serialVersionUID = 1L;

  PackageFetchException(String message) {
    super(message);
  }

  PackageFetchException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
