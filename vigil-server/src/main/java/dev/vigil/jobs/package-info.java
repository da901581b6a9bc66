/** Security scan jobs: package, checklist, profile, execute schedule or manual, targets. */
@ApplicationModule(
    allowedDependencies = {
      "access",
      "inventory",
      "packages",
      "schedules",
      "shared",
      "storage",
      "tailoring"
    })
@NullMarked
package dev.vigil.jobs;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
