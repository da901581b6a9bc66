package dev.vigil.jobs;

/** One target of a job: its own id and the id of the server or instance it names. */
public record JobTarget(long id, long refId) {}
