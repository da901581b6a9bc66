package dev.vigil.packages;

import java.net.URI;
import java.nio.file.Path;

/**
 * A downloaded package file with its checksum and the name used to recognise its format.
 *
 * @param file where the bytes were written
 * @param fileName sanitized last path segment of the final URL, or the Content-Disposition name
 * @param sha256 lowercase hex sha256 of the bytes
 * @param size number of bytes
 * @param finalUrl the URL after redirects
 */
record FetchedFile(Path file, String fileName, String sha256, long size, URI finalUrl) {}
