package dev.vigil.scheduling;

import java.time.Duration;

/**
 * Background work a feature runs again and again: a named recurring task that runs on exactly one
 * node of the cluster at a time, {@link #interval()} after its previous run ended. Implementations
 * catch their own failures; an exception that escapes is logged and the next run still comes.
 */
public interface RecurringHandler {

  /** The unique task name, e.g. {@code job-firing}. */
  String taskName();

  /** How long after one run ends the next one starts. */
  Duration interval();

  /** One run. */
  void run();
}
