package dev.vigil.tailoring;

/**
 * One version of a tailoring as scanned: its XCCDF 1.2 tailoring file, the tailored profile's id
 * and title, and the tailoring's name when it was pinned.
 */
public record TailoringVersion(
    long tailoringId,
    int versionNo,
    String name,
    String profileId,
    String title,
    String document) {}
