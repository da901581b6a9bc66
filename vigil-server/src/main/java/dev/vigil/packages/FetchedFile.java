package dev.vigil.packages;

import java.net.URI;
import java.nio.file.Path;

/** STUB until the fetch branch merges. */
record FetchedFile(Path file, String fileName, String sha256, long size, URI finalUrl) {}
