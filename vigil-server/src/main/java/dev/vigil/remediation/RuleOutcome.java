package dev.vigil.remediation;

import org.jspecify.annotations.Nullable;

/**
 * One rule before and after a remediation: {@code fixed}, {@code still_failing}, {@code
 * newly_failing}, or {@code other} (a chosen rule whose re-scan result is neither pass nor fail).
 */
public record RuleOutcome(
    String ruleId, @Nullable String before, @Nullable String after, String outcome) {}
