package dev.vigil.results;

import dev.vigil.executions.ExecutionService;

/**
 * Not a test: a class that would put a cycle into the module model (results → executions, while
 * executions records through results). {@code ModularityTest} imports it on top of the main classes
 * to show that the model's verification fails on it; the application never sees it.
 */
final class ModularityCycleProbe {

  private ModularityCycleProbe() {}

  static Class<?> cycle() {
    return ExecutionService.class;
  }
}
