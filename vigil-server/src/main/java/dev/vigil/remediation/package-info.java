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
package dev.vigil.remediation;

import org.springframework.modulith.ApplicationModule;
