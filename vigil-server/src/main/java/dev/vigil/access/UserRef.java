package dev.vigil.access;

/** The id and names of a user, for "created by" fields and audit records of other features. */
public record UserRef(long id, String username, String displayName) {}
