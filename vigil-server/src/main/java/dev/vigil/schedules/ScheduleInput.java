package dev.vigil.schedules;

/**
 * What a user sends to create or change an execute schedule. On update a null field means
 * "unchanged"; on create only {@code name} is required (cron defaults to {@code 0 0 * * *}, the
 * zone to UTC, enabled to true).
 */
public record ScheduleInput(
    String scheduleType,
    String name,
    String description,
    String cron,
    String timezone,
    Boolean enabled) {}
