/** Tailoring files for a package's profiles. */
@ApplicationModule(allowedDependencies = {"packages", "scap", "shared", "storage"})
package dev.vigil.tailoring;

import org.springframework.modulith.ApplicationModule;
