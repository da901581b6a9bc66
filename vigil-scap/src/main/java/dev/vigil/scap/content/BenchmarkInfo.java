package dev.vigil.scap.content;

import java.util.List;

/**
 * One XCCDF benchmark: standalone, or a checklist component of a datastream.
 *
 * @param id the benchmark id
 * @param version its version string
 * @param title its title
 * @param platforms CPE platform ids the benchmark declares
 * @param ruleCount all rules in the benchmark
 * @param defaultRuleCount rules selected with no profile
 * @param profiles its profiles, in document order (after {@code extends} is resolved)
 */
public record BenchmarkInfo(
    String id,
    String version,
    String title,
    List<String> platforms,
    int ruleCount,
    int defaultRuleCount,
    List<ProfileInfo> profiles) {}
