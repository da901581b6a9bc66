package dev.vigil.scap.arf;

/**
 * One XCCDF score of a test result.
 *
 * @param system the scoring model, such as {@code urn:xccdf:scoring:default}
 * @param value the score
 * @param maximum the highest possible score (100 when the file does not say)
 */
public record Score(String system, double value, double maximum) {}
