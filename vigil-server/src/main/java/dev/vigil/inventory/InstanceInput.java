package dev.vigil.inventory;

import java.util.List;

/** What a user sends to create or change an instance; on update a null field means unchanged. */
public record InstanceInput(
    String name, String description, List<String> labels, List<Long> serverIds) {}
