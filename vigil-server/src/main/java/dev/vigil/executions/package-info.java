/**
 * Job executions and their target runs: dispatch, claim, the scan of one target, its recording,
 * cancel, recovery after a node is lost.
 */
@ApplicationModule(
    allowedDependencies = {
      "access",
      "inventory",
      "jobs",
      "packages",
      "results",
      "scanning",
      "scap",
      "scheduling",
      "shared",
      "storage",
      "tailoring"
    })
package dev.vigil.executions;

import org.springframework.modulith.ApplicationModule;
