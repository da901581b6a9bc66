package dev.vigil.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded db-scheduler.
 *
 * @param threads worker threads on this node (scans wait on SSH, so keep it above
 *     vigil.scanning.max-concurrent)
 * @param pollingInterval how often this node looks for due tasks
 * @param enabled false runs no background work on this node (tasks still queue)
 * @param nodeName this node's name in the cluster, stable across restarts (empty: the host name);
 *     two nodes must not share one
 * @param heartbeatInterval how often this node tells the database it still runs its tasks
 * @param missedHeartbeats after how many missed heartbeats another node takes a task as dead and
 *     runs it again
 */
@ConfigurationProperties("vigil.scheduler")
public record SchedulerSettings(
    @DefaultValue("24") int threads,
    @DefaultValue("1s") Duration pollingInterval,
    @DefaultValue("true") boolean enabled,
    @DefaultValue("") String nodeName,
    @DefaultValue("30s") Duration heartbeatInterval,
    @DefaultValue("6") int missedHeartbeats) {}
