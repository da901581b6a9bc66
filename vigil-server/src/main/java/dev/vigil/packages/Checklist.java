package dev.vigil.packages;

import dev.vigil.scap.content.ProfileInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A scannable benchmark inside a package version: a file path plus, for a datastream, the stream
 * and checklist component it is in; with its profiles and their rule counts. {@code
 * validationProblem} is what validation at indexing found in an invalid checklist the package
 * accepted (it is scanned with {@code --skip-valid}), null for a valid one.
 */
public record Checklist(
    long id,
    String path,
    String kind,
    @Nullable String dataStreamId,
    @Nullable String componentRefId,
    String benchmarkId,
    String benchmarkVersion,
    String title,
    List<String> platforms,
    int ruleCount,
    int defaultRuleCount,
    List<ProfileInfo> profiles,
    @Nullable String validationProblem) {

  /** True when the checklist was found invalid and kept because its package accepts that. */
  public boolean acceptedInvalid() {
    return validationProblem != null;
  }
}
