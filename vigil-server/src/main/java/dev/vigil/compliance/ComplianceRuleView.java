package dev.vigil.compliance;

/**
 * The rules of one (benchmark, profile) across the fleet, most failed first: {@code servers} is how
 * many live servers have a scan of the pair (each counted by its latest one).
 */
public record ComplianceRuleView(
    CompliancePair pair, int servers, java.util.List<ComplianceRule> rules) {}
