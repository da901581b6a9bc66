package dev.vigil.scap.content;

/**
 * One XCCDF profile of a benchmark.
 *
 * @param id the profile id, e.g. {@code xccdf_org.ssgproject.content_profile_standard}
 * @param title the profile's title (first, preferring English)
 * @param description the profile's description as plain text (markup removed), may be empty
 * @param ruleCount rules selected after defaults, selects, extends, requires and conflicts: the
 *     number of rule-results other than {@code notselected} that {@code oscap xccdf eval} writes
 */
public record ProfileInfo(String id, String title, String description, int ruleCount) {}
