package dev.vigil.results;

import dev.vigil.shared.NotFoundException;
import dev.vigil.storage.BlobStore;
import java.io.InputStream;
import java.util.List;
import org.springframework.stereotype.Service;

/** What a scan's report shows besides its summary: filtered rules and the oscap HTML report. */
@Service
public class ScanReports {

  private final ResultService results;
  private final BlobStore blobs;

  ScanReports(ResultService results, BlobStore blobs) {
    this.results = results;
    this.blobs = blobs;
  }

  /** The scan's rule results that match {@code filter}, in oscap's order. */
  public List<StoredRuleResult> rules(long scanId, RuleFilter filter) {
    return results.rules(scanId).stream().filter(filter::matches).toList();
  }

  /**
   * Opens the HTML report oscap wrote for the scan; the caller closes it.
   *
   * @throws NotFoundException when the scan does not exist or has no HTML report
   */
  public InputStream openHtml(long scanId) {
    SecurityScan scan = results.get(scanId);
    if (scan.reportSha256() == null) {
      throw new NotFoundException("HTML report of security scan", scanId);
    }
    return blobs.open(scan.reportSha256());
  }
}
