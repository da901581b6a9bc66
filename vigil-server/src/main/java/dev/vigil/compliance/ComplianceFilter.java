package dev.vigil.compliance;

import dev.vigil.results.ComplianceStatus;
import dev.vigil.results.RuleOutcome;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which servers a fleet count stands for, as the Hosts list and {@code GET /api/servers} take it:
 * {@code compliance} (a status code), {@code benchmark} and {@code profile} (a pair: the status of
 * that pair instead of the server's overall one), {@code job} (the job's targets, judged by the
 * job's own scans, as the dashboard's job table counts them), {@code rule} with {@code result} (the
 * servers whose latest scan of the pair found that rule so, as the rule view counts them). Every
 * field may be null; all null is no filter.
 */
public record ComplianceFilter(
    ComplianceStatus status,
    String benchmarkId,
    String profileId,
    Long jobId,
    String ruleId,
    RuleOutcome outcome) {

  /** The names of the request parameters. */
  public static final List<String> PARAMETERS =
      List.of("compliance", "benchmark", "profile", "job", "rule", "result");

  /** No filter. */
  public static final ComplianceFilter NONE =
      new ComplianceFilter(null, null, null, null, null, null);

  /**
   * Reads the filter from request parameters; InvalidInputException (400) naming the parameter for
   * an unknown status or result, a non-number job, a benchmark without profile (or the other way),
   * a rule without its pair, a result without a rule, or a job with a pair or rule.
   */
  public static ComplianceFilter from(Map<String, String[]> params) {
    String compliance = ListQuery.text(params, "compliance");
    String benchmark = ListQuery.text(params, "benchmark");
    String profile = ListQuery.text(params, "profile");
    List<Long> jobs = ListQuery.ids(params, "job");
    String rule = ListQuery.text(params, "rule");
    String result = ListQuery.text(params, "result");
    ComplianceStatus status = compliance == null ? null : status(compliance);
    RuleOutcome outcome = result == null ? null : outcome(result);
    if (benchmark != null && profile == null) {
      throw new InvalidInputException("profile", "profile is required with benchmark");
    }
    if (profile != null && benchmark == null) {
      throw new InvalidInputException("benchmark", "benchmark is required with profile");
    }
    if (rule != null && benchmark == null) {
      throw new InvalidInputException("benchmark", "benchmark and profile are required with rule");
    }
    if (rule != null && outcome == null) {
      throw new InvalidInputException("result", "result is required with rule");
    }
    if (outcome != null && rule == null) {
      throw new InvalidInputException("rule", "rule is required with result");
    }
    if (jobs.size() > 1) {
      throw new InvalidInputException("job", "job takes one id, got " + jobs.size());
    }
    Long job = jobs.isEmpty() ? null : jobs.get(0);
    if (job != null && benchmark != null) {
      throw new InvalidInputException(
          "job", "job cannot be combined with benchmark and profile (the job names its own)");
    }
    return new ComplianceFilter(status, benchmark, profile, job, rule, outcome);
  }

  /** Whether nothing is filtered. */
  public boolean none() {
    return status == null && benchmarkId == null && jobId == null;
  }

  /** The filter as query parameters (names of {@link #PARAMETERS}), absent ones left out. */
  public Map<String, String> parameters() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    put(out, "compliance", status == null ? null : status.code());
    put(out, "benchmark", benchmarkId);
    put(out, "profile", profileId);
    put(out, "job", jobId == null ? null : Long.toString(jobId));
    put(out, "rule", ruleId);
    put(out, "result", outcome == null ? null : outcome.code());
    return out;
  }

  private static void put(Map<String, String> out, String key, String value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static ComplianceStatus status(String code) {
    return Arrays.stream(ComplianceStatus.values())
        .filter(s -> s.code().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "compliance",
                    "compliance must be one of "
                        + Arrays.stream(ComplianceStatus.values())
                            .map(ComplianceStatus::code)
                            .collect(Collectors.joining(", "))
                        + ", got '"
                        + ListQuery.shown(code)
                        + "'"));
  }

  private static RuleOutcome outcome(String code) {
    return RuleOutcome.of(code)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "result",
                    "result must be one of "
                        + Arrays.stream(RuleOutcome.values())
                            .map(RuleOutcome::code)
                            .collect(Collectors.joining(", "))
                        + ", got '"
                        + ListQuery.shown(code)
                        + "'"));
  }
}
