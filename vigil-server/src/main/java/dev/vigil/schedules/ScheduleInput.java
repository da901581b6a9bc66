package dev.vigil.schedules;

import org.jspecify.annotations.Nullable;

/**
 * What a user sends to create or change an execute schedule. On update a null field means
 * "unchanged"; on create only {@code name} is required (cron defaults to {@code 0 0 * * *}, the
 * zone to UTC, enabled to true).
 */
public record ScheduleInput(
    @Nullable String scheduleType,
    @Nullable String name,
    @Nullable String description,
    @Nullable String cron,
    @Nullable String timezone,
    @Nullable Boolean enabled) {}
