package dev.vigil.inventory;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a user sends to create or change an instance; on update a null field means unchanged. */
public record InstanceInput(
    @Nullable String name,
    @Nullable String description,
    @Nullable List<String> labels,
    @Nullable List<Long> serverIds) {}
