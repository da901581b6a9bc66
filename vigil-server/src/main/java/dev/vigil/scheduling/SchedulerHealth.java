package dev.vigil.scheduling;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "scheduler": up while this node's db-scheduler runs (or when
 * it is turned off on purpose, {@code vigil.scheduler.enabled=false}), down when it should run and
 * does not or is shutting down. Details name the node.
 */
@Component("scheduler")
class SchedulerHealth implements HealthIndicator {

  private final SchedulerConfig.SchedulerLifecycle lifecycle;
  private final NodeIdentity node;

  SchedulerHealth(SchedulerConfig.SchedulerLifecycle lifecycle, NodeIdentity node) {
    this.lifecycle = lifecycle;
    this.node = node;
  }

  @Override
  public Health health() {
    String state = lifecycle.state();
    Health.Builder b =
        switch (state) {
          case "running", "disabled" -> Health.up();
          default -> Health.down();
        };
    return b.withDetail("node", node.name()).withDetail("state", state).build();
  }
}
