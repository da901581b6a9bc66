package dev.vigil.scheduling;

import java.time.Duration;

/**
 * Background work a feature hands to the scheduler: a named task run once per instance id, on any
 * node of the cluster. Implementations record the failures they can on their aggregate; an
 * exception that escapes (e.g. the database write of that record failed) makes the scheduler run
 * the task again after {@link #retryAfterFailure()}, on any node.
 */
public interface TaskHandler {

  /** The unique task name, e.g. {@code package-fetch}. */
  String taskName();

  /** Runs the task for one instance (usually an aggregate id). */
  void execute(String instanceId);

  /** How long after an escaped exception the task runs again; five minutes unless overridden. */
  default Duration retryAfterFailure() {
    return Duration.ofMinutes(5);
  }
}
