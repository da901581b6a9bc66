/** Keeps each job's scans within its windows and frees their space. */
@ApplicationModule(allowedDependencies = {"jobs", "results", "scheduling", "shared", "storage"})
@NullMarked
package dev.vigil.retention;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
