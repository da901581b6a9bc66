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
@NullMarked
package dev.vigil.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
