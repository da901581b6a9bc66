package dev.vigil.packages;

import java.util.List;

/**
 * What a user sends to create or change a security package. On update a null field means
 * "unchanged"; on create {@code name} and {@code url} are required.
 */
public record PackageInput(
    String name,
    String description,
    String url,
    Boolean enabled,
    String expectedSha256,
    List<String> labels) {}
