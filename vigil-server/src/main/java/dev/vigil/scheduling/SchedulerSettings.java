package dev.vigil.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded db-scheduler.
 *
 * @param threads worker threads on this node
 * @param pollingInterval how often this node looks for due tasks
 * @param enabled false runs no background work on this node (tasks still queue)
 */
@ConfigurationProperties("vigil.scheduler")
public record SchedulerSettings(
    @DefaultValue("4") int threads,
    @DefaultValue("2s") Duration pollingInterval,
    @DefaultValue("true") boolean enabled) {}
