package dev.vigil.packages;

import java.util.Locale;

/** Where a security package is in its fetch cycle: pending → fetching → ready | failed. */
public enum PackageStatus {
  PENDING,
  FETCHING,
  READY,
  FAILED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True while background work is queued or running for the package. */
  public boolean inProgress() {
    return this == PENDING || this == FETCHING;
  }
}
