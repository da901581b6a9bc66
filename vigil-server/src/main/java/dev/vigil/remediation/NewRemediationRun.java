package dev.vigil.remediation;

import java.util.List;

/**
 * What a user asks to remediate: a scan or an execution (exactly one), the failed rules to fix
 * (null for all of them) and why.
 */
public record NewRemediationRun(Long scanId, Long executionId, List<String> rules, String reason) {}
