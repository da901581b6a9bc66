package dev.vigil.storage;

/**
 * A stored blob: its content address and sizes.
 *
 * @param sha256 lowercase hex sha256 of the original (uncompressed) bytes
 * @param sizeBytes original size
 * @param storedBytes compressed size as stored
 */
public record BlobRef(String sha256, long sizeBytes, long storedBytes) {}
