package dev.vigil.results;

import dev.vigil.scap.arf.Ident;
import dev.vigil.scap.arf.ResultType;
import dev.vigil.scap.arf.RuleResult;
import dev.vigil.scap.arf.ScanReport;
import dev.vigil.scap.arf.Score;
import dev.vigil.shared.NotFoundException;
import dev.vigil.storage.BlobRef;
import dev.vigil.storage.BlobStore;
import dev.vigil.storage.RecurringSegments;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security scans: records a finished scan (summary, rule results, ARF and HTML report) in one
 * transaction, and reads them back for a server's history and the API. Rule results are stored as
 * one code per rule against a shared rule dictionary, the ARF without its copy of the datastream.
 */
@Service
public class ResultService {

  private final ScanRepository scans;
  private final RuleDictionaries dictionaries;
  private final ArfStore arfs;
  private final BlobStore blobs;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final RecurringSegments reportAssets = ReportAssets.segments();

  ResultService(
      ScanRepository scans,
      RuleDictionaries dictionaries,
      ArfStore arfs,
      BlobStore blobs,
      Clock clock,
      ApplicationEventPublisher events) {
    this.scans = scans;
    this.dictionaries = dictionaries;
    this.arfs = arfs;
    this.blobs = blobs;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Stores a finished scan and returns it as written (not read back): the ARF without the
   * datastream it embeds when that is the package's (see {@link ArfStore}), the rule results as
   * codes against the benchmark's rule dictionary. Joins the caller's transaction, and publishes
   * {@link ScanRecorded} in it.
   *
   * @throws InvalidArfException when the ARF declares a DOCTYPE or is not well-formed; nothing is
   *     written
   */
  @Transactional
  public SecurityScan record(NewScan s) {
    try (Prepared p = prepare(s)) {
      return record(s, p);
    }
  }

  /**
   * The scan's files checked, hashed and compressed for {@link #record(NewScan, Prepared)}, with no
   * database write: made before the transaction that records the scan, so that it holds its
   * connection and locks for the writes only. The caller closes it (its temporary files go).
   *
   * @throws InvalidArfException when the ARF declares a DOCTYPE or is not well-formed
   */
  public Prepared prepare(NewScan s) {
    ArfStore.Prepared arf = arfs.prepare(s);
    try {
      return new Prepared(
          arf, s.reportHtml() == null ? null : BlobStore.prepare(s.reportHtml(), reportAssets));
    } catch (RuntimeException e) {
      arf.close();
      throw e;
    }
  }

  /** A scan's ARF and report prepared for recording. */
  public static final class Prepared implements AutoCloseable {
    private final ArfStore.Prepared arf;
    private final BlobStore.Prepared html;

    private Prepared(ArfStore.Prepared arf, BlobStore.Prepared html) {
      this.arf = arf;
      this.html = html;
    }

    @Override
    public void close() {
      arf.close();
      if (html != null) {
        html.close();
      }
    }
  }

  /**
   * As {@link #record(NewScan)}, with its files prepared by {@link #prepare(NewScan)} of the same
   * scan.
   */
  @Transactional
  public SecurityScan record(NewScan s, Prepared p) {
    ScanReport r = s.report();
    StoredArf stored = arfs.store(s, p.arf);
    String arf = stored.arfSha256();
    String html = p.html == null ? null : blobs.put(p.html).sha256();
    Score score = primaryScore(r.scores());
    Map<ResultType, Integer> counts = new EnumMap<>(ResultType.class);
    for (ResultType t : ResultType.values()) {
      counts.put(t, r.count(t));
    }
    ScanRepository.Titles titles =
        scans.titles(s.packageVersionId(), s.checklistPath(), r.benchmarkId(), s.profileId());
    SecurityScan draft =
        new SecurityScan(
            0,
            s.serverId(),
            s.serverName(),
            s.packageId(),
            s.packageName(),
            s.packageVersionId(),
            s.checklistPath(),
            r.benchmarkId(),
            r.benchmarkVersion(),
            s.profileId(),
            r.testResultId(),
            "complete",
            r.notApplicable(),
            r.summary(),
            s.startedAt(),
            s.finishedAt(),
            score == null ? null : score.value(),
            score == null ? null : score.maximum(),
            score == null ? null : score.system(),
            counts,
            arf,
            html,
            s.oscapVersion(),
            s.createdBy(),
            clock.instant(),
            s.origin(),
            new AsRecorded(
                s.serverId(),
                s.packageId(),
                s.recordedJobId(),
                titles.benchmark(),
                s.tailoring() == null ? titles.profile() : s.tailoring().profileTitle()));
    List<RuleEntry> entries = r.ruleResults().stream().map(ResultService::entry).toList();
    long dictionary = dictionaries.idFor(r.benchmarkId(), r.benchmarkVersion(), entries);
    byte[] codes = ResultCodes.encode(r.ruleResults().stream().map(RuleResult::result).toList());
    ScanStorage storage =
        new ScanStorage(
            dictionary,
            codes,
            stored.datastreamSha256(),
            stored.offset(),
            stored.markerLength(),
            stored.sizeBytes());
    long id = scans.insert(draft, storage);
    if (s.tailoring() != null) {
      scans.recordTailoring(id, s.tailoring());
    }
    // as written, not read back: the callers want its id and score
    SecurityScan recorded = draft.recordedAs(id);
    events.publishEvent(new ScanRecorded(recorded.id(), s.serverId()));
    return recorded;
  }

  /** The tailoring the scan was made with, empty for a shipped profile. */
  public java.util.Optional<ScanTailoring> tailoring(long scanId) {
    return scans.tailoring(scanId);
  }

  public SecurityScan get(long id) {
    return scans.find(id).orElseThrow(() -> new NotFoundException("Security scan", id));
  }

  public List<SecurityScan> list(ScanQuery query) {
    return scans.list(query);
  }

  public long count(ScanQuery query) {
    return scans.count(query);
  }

  /** Every rule result of a scan, in the order oscap wrote them. */
  public List<StoredRuleResult> rules(long scanId) {
    get(scanId);
    ScanStorage st = storage(scanId);
    if (st.ruleDictionaryId() == null) {
      return scans.legacyRules(scanId);
    }
    List<RuleEntry> entries = dictionaries.entries(st.ruleDictionaryId());
    List<ResultType> results = ResultCodes.decode(st.ruleResults());
    if (results.size() != entries.size()) {
      throw new IllegalStateException(
          "scan "
              + scanId
              + " holds "
              + results.size()
              + " results for "
              + entries.size()
              + " rules");
    }
    List<StoredRuleResult> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      RuleEntry e = entries.get(i);
      out.add(
          new StoredRuleResult(
              e.ruleId(), results.get(i).xccdf(), e.severity(), e.title(), e.idents()));
    }
    return out;
  }

  /** Opens the scan's ARF as oscap wrote it, datastream included; the caller closes it. */
  public InputStream openArf(long scanId) {
    SecurityScan scan = get(scanId);
    if (scan.arfSha256() == null) {
      throw new NotFoundException("ARF of security scan", scanId);
    }
    return arfs.open(scan.arfSha256(), storage(scanId));
  }

  /**
   * Whether the scan's ARF embeds exactly its package's checklist: its datastream was cut out when
   * stored because it held the same content ({@link DatastreamCopies}). Only such an ARF's fixes
   * are the package's; an ARF stored whole may carry content the target wrote.
   */
  public boolean arfHoldsPackageContent(long scanId) {
    return storage(scanId).datastreamCutOut();
  }

  /** What a scan takes in the database, against its raw ARF. */
  public StorageFootprint footprint(long scanId) {
    SecurityScan scan = get(scanId);
    ScanStorage st = storage(scanId);
    BlobRef arf = blobs.find(scan.arfSha256());
    return new StorageFootprint(
        st.arfSizeBytes() == null ? arf.sizeBytes() : st.arfSizeBytes(),
        arf.storedBytes(),
        st.ruleResults() == null ? 0 : st.ruleResults().length,
        st.datastreamSha256(),
        st.datastreamSha256() == null ? 0 : blobs.find(st.datastreamSha256()).storedBytes(),
        st.ruleDictionaryId(),
        st.ruleDictionaryId() == null ? 0 : dictionaries.textBytes(st.ruleDictionaryId()));
  }

  private ScanStorage storage(long scanId) {
    return scans.storage(scanId).orElseThrow(() -> new NotFoundException("Security scan", scanId));
  }

  /** The default XCCDF score when present, else the first one. */
  private static Score primaryScore(List<Score> scores) {
    return scores.stream()
        .filter(sc -> "urn:xccdf:scoring:default".equals(sc.system()))
        .findFirst()
        .orElse(scores.isEmpty() ? null : scores.get(0));
  }

  private static RuleEntry entry(RuleResult r) {
    return new RuleEntry(
        r.ruleId(), r.severity(), r.title(), r.idents().stream().map(Ident::value).toList());
  }
}
