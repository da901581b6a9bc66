package dev.vigil.remediation;

import dev.vigil.results.SecurityScan;
import java.util.Set;

/**
 * The rules of a scan that an approved, unexpired waiver covers: left out of remediation content
 * and runs. The waivers feature provides the bean; until it does, {@link #NONE} waives nothing.
 */
@FunctionalInterface
public interface WaivedRules {

  WaivedRules NONE = scan -> Set.of();

  /** The waived rule ids among the scan's rules. */
  Set<String> of(SecurityScan scan);
}
