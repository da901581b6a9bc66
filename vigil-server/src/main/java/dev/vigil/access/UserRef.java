package dev.vigil.access;

/** STUB until the access branch merges. */
public record UserRef(long id, String username, String displayName) {}
