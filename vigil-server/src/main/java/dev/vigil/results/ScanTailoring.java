package dev.vigil.results;

/**
 * The tailoring a scan was made with: its id and pinned version, its name and the tailored
 * profile's title at the time.
 */
public record ScanTailoring(long id, int version, String name, String profileTitle) {}
