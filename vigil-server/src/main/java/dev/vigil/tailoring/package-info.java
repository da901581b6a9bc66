/** Tailoring files for a package's profiles. */
@ApplicationModule(allowedDependencies = {"packages", "scap", "shared", "storage"})
@NullMarked
package dev.vigil.tailoring;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
