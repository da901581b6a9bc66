package dev.vigil.packages;

import org.jspecify.annotations.Nullable;

/**
 * A file of a package version, its SCAP kind, and what was wrong with it if it could not be read.
 */
public record PackageFile(String path, String kind, @Nullable String problem) {}
