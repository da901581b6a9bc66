package dev.vigil.scap.arf;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of one rule in a test result, joined with the rule's title from the benchmark.
 *
 * @param ruleId the rule's XCCDF id
 * @param result what the scan found
 * @param severity the rule-result's severity, else the rule's, else XCCDF's default "unknown"
 * @param weight the weight as written, null when absent
 * @param time when the rule was evaluated, null when absent
 * @param idents identifiers such as CCEs, in file order
 * @param checkSystem the check system of the first check, such as the OVAL namespace; may be null
 * @param checkRef the first check-content-ref's name, else its href; may be null
 * @param title the rule's title from the benchmark in the same file; null when it is not there
 */
public record RuleResult(
    String ruleId,
    ResultType result,
    String severity,
    @Nullable String weight,
    @Nullable Instant time,
    List<Ident> idents,
    @Nullable String checkSystem,
    @Nullable String checkRef,
    @Nullable String title) {

  /** Copies the idents, so that a rule result cannot change. */
  public RuleResult {
    idents = List.copyOf(idents);
  }
}
