package dev.vigil.packages;

import java.util.List;

/** Implemented by features that reference security packages, so a package in use is not deleted. */
public interface PackageUsage {

  /** Human-readable names of what uses the package (e.g. "job nightly-scan"); empty when none. */
  List<String> usersOf(long packageId);
}
