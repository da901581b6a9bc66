/**
 * The read side of scans: each server's compliance and its history, the dashboard, the rule view
 * across the fleet, scan comparison and an execution's drift.
 */
@ApplicationModule(
    allowedDependencies = {
      "executions",
      "inventory",
      "jobs",
      "results",
      "scap",
      "schedules",
      "shared",
      "storage",
      "waivers"
    })
package dev.vigil.compliance;

import org.springframework.modulith.ApplicationModule;
