package dev.vigil.jobs.web;

/** One entry of a pick list: what the user sees and the value sent back. */
record Choice(String name, Object value) {}
