/** Remediation content and remediation runs on targets. */
@ApplicationModule(
    allowedDependencies = {
      "access",
      "executions",
      "inventory",
      "packages",
      "results",
      "scanning",
      "scheduling",
      "shared",
      "storage",
      "waivers"
    })
@NullMarked
package dev.vigil.remediation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
