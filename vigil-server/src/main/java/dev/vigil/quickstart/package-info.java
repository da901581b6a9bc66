/** The first scan of this host when the service starts for the first time. */
@ApplicationModule(
    allowedDependencies = {
      "executions",
      "inventory",
      "jobs",
      "packages",
      "results",
      "scap",
      "shared"
    })
package dev.vigil.quickstart;

import org.springframework.modulith.ApplicationModule;
