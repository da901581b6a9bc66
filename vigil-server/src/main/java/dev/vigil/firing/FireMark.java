package dev.vigil.firing;

import java.time.Instant;

/** How far a job's fires are handled ({@code handledThrough}), under which {@link FireKey}. */
record FireMark(long jobId, FireKey key, Instant handledThrough) {}
