package dev.vigil.scap.content;

import org.jspecify.annotations.Nullable;

/**
 * A benchmark a user can pick: in a datastream it is named by stream id and checklist component ref
 * id (what {@code oscap xccdf eval --datastream-id --xccdf-id} takes); standalone both are null.
 *
 * @param dataStreamId the {@code ds:data-stream} id, or null for a standalone benchmark
 * @param componentRefId the {@code ds:component-ref} id in the stream's checklists, or null
 * @param benchmark the benchmark itself
 */
public record ChecklistInfo(
    @Nullable String dataStreamId, @Nullable String componentRefId, BenchmarkInfo benchmark) {}
