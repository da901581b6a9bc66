package dev.vigil.scap.arf;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one scan found, read from an ARF or an XCCDF results file: the test result's identity and
 * target, every rule result, the scores and the counts per result type.
 *
 * @param benchmarkId the evaluated benchmark's id, null when the file names none
 * @param benchmarkVersion the benchmark's version, null when the file does not say
 * @param profileId the evaluated profile's id, null for the default profile
 * @param testResultId the TestResult's id, null when it has none
 * @param startTime when the scan started, null when absent
 * @param endTime when the scan ended, null when absent
 * @param targetName the target's name, as oscap saw it (its hostname); null when absent
 * @param targetAddresses the target's addresses, in file order
 * @param targetFacts target facts by name; when a name repeats, the first value wins
 * @param identity the account the scan ran as, null when absent
 * @param identityPrivileged whether that account was privileged, null when the file does not say
 * @param matchedPlatforms the platform idrefs the TestResult lists as matching the target
 * @param ruleResults every rule result, in file order, notselected ones included
 * @param scores the scores, in file order
 * @param counts rule results per result type; all nine types are present, zeros included, and
 *     notselected rules are counted too
 * @param notApplicable true when no selected rule applies to the target: every rule result other
 *     than notselected is notapplicable, or there is none
 * @param summary one line for people: {@link #NOT_APPLICABLE_SUMMARY} when {@code notApplicable},
 *     else the non-zero counts, such as "12 pass, 3 fail, 1 notchecked, 1200 notselected"
 */
public record ScanReport(
    @Nullable String benchmarkId,
    @Nullable String benchmarkVersion,
    @Nullable String profileId,
    @Nullable String testResultId,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    @Nullable String targetName,
    List<String> targetAddresses,
    Map<String, String> targetFacts,
    @Nullable String identity,
    @Nullable Boolean identityPrivileged,
    List<String> matchedPlatforms,
    List<RuleResult> ruleResults,
    List<Score> scores,
    Map<ResultType, Integer> counts,
    boolean notApplicable,
    String summary) {

  /** The summary of a scan where no selected rule applies to the target. */
  public static final String NOT_APPLICABLE_SUMMARY =
      "No selected rule applies to this target (all results are notapplicable)";

  /** Copies every collection, so that a report cannot change; facts and counts keep their order. */
  public ScanReport {
    targetAddresses = List.copyOf(targetAddresses);
    targetFacts = Collections.unmodifiableMap(new LinkedHashMap<>(targetFacts));
    matchedPlatforms = List.copyOf(matchedPlatforms);
    ruleResults = List.copyOf(ruleResults);
    scores = List.copyOf(scores);
    counts = Collections.unmodifiableMap(new EnumMap<>(counts));
  }

  /** How many rule results have this result. */
  public int count(ResultType type) {
    return counts.getOrDefault(type, 0);
  }
}
