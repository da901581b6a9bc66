package dev.vigil.scheduling;

/**
 * Background work a feature hands to the scheduler: a named task run once per instance id, on any
 * node of the cluster. Implementations catch their own failures and record them on their aggregate.
 */
public interface TaskHandler {

  /** The unique task name, e.g. {@code package-fetch}. */
  String taskName();

  /** Runs the task for one instance (usually an aggregate id). */
  void execute(String instanceId);
}
