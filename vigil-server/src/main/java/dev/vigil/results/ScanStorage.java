package dev.vigil.results;

/**
 * How a scan's rule results and ARF are stored.
 *
 * @param ruleDictionaryId the rule dictionary its results index; null for a scan recorded before
 *     compact storage, whose rules are rows of {@code security_scan_rules}
 * @param ruleResults one result code per dictionary entry (see {@link ResultCodes}); null with it
 * @param datastreamSha256 the shared blob of the datastream cut out of the ARF; null when the ARF
 *     blob is the whole ARF
 * @param datastreamOffset where in the ARF the datastream lay (and its reference element now lies)
 * @param markerLength the reference element's length in bytes
 * @param arfSizeBytes the raw ARF's size; null for scans recorded before compact storage
 */
public record ScanStorage(
    Long ruleDictionaryId,
    byte[] ruleResults,
    String datastreamSha256,
    Long datastreamOffset,
    Integer markerLength,
    Long arfSizeBytes) {

  boolean datastreamCutOut() {
    return datastreamSha256 != null;
  }
}
