package dev.vigil.remediation;

/** A user as a remediation run records them. */
public record Actor(long id, String username) {}
