package dev.vigil.scap.arf;

import org.jspecify.annotations.Nullable;

/**
 * An identifier a rule result carries, such as a CCE.
 *
 * @param system the naming system, such as {@code https://ncp.nist.gov/cce}; null when absent
 * @param value the identifier, such as {@code CCE-80171-3}
 */
public record Ident(@Nullable String system, String value) {}
