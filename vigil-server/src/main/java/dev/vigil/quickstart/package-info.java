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
@NullMarked
package dev.vigil.quickstart;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
