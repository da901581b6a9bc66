package dev.vigil.tailoring;

import java.util.Map;

/**
 * What a user sends to create or change a tailoring. On update a null field means "unchanged";
 * {@code rules} and {@code values}, when given, replace the tailoring's. {@code profileId} is the
 * tailored profile's id, derived from the base profile and the name when null.
 */
public record TailoringInput(
    String name,
    String description,
    String title,
    Long packageId,
    String scanPath,
    String baseProfile,
    String profileId,
    Map<String, Boolean> rules,
    Map<String, String> values) {}
