package dev.vigil.results;

/**
 * What one scan takes in the database, against its raw ARF.
 *
 * @param arfRawBytes the raw ARF's size, as oscap wrote it
 * @param arfStoredBytes the scan's own ARF blob, compressed (without the datastream when cut out)
 * @param ruleResultBytes the scan's rule result codes
 * @param datastreamSha256 the shared datastream blob the ARF refers to; null when stored whole
 * @param datastreamStoredBytes that shared blob, compressed (paid once, by every scan of it)
 * @param ruleDictionaryId the shared rule dictionary; null for a scan stored before compaction
 * @param ruleDictionaryTextBytes the text of that dictionary (paid once per benchmark version)
 */
public record StorageFootprint(
    long arfRawBytes,
    long arfStoredBytes,
    long ruleResultBytes,
    String datastreamSha256,
    long datastreamStoredBytes,
    Long ruleDictionaryId,
    long ruleDictionaryTextBytes) {

  /** Bytes stored for this scan alone: its ARF blob and its rule result codes. */
  public long perScanBytes() {
    return arfStoredBytes + ruleResultBytes;
  }

  /** {@link #perScanBytes()} over the raw ARF. */
  public double perScanRatio() {
    return arfRawBytes == 0 ? 0 : (double) perScanBytes() / arfRawBytes;
  }
}
