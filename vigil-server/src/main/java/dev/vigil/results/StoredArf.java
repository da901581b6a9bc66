package dev.vigil.results;

/**
 * Where an ARF went in the blob store.
 *
 * @param arfSha256 the ARF blob: the whole ARF, or the ARF with its datastream cut out
 * @param datastreamSha256 the shared datastream blob cut out of it; null when stored whole
 * @param offset where the datastream lay in the ARF; null when stored whole
 * @param markerLength the reference element's length in bytes; null when stored whole
 * @param sizeBytes the raw ARF's size
 */
record StoredArf(
    String arfSha256, String datastreamSha256, Long offset, Integer markerLength, long sizeBytes) {}
