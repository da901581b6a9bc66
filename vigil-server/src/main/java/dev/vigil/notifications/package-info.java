/** Webhooks: failed executions and compliance changes, delivered with retries. */
@ApplicationModule(
    allowedDependencies = {
      "compliance",
      "executions",
      "inventory",
      "packages",
      "results",
      "scheduling",
      "shared",
      "storage",
      "waivers"
    })
package dev.vigil.notifications;

import org.springframework.modulith.ApplicationModule;
