package dev.vigil.jobs.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** One entry of a pick list: what the user sees and the value sent back. */
record Choice(
    String name,
    @Schema(
            description = "the value sent back: an id (number) or a code (string)",
            oneOf = {Long.class, String.class})
        Object value) {}
