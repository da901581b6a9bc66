/** Keeps each job's scans within its windows and frees their space. */
@ApplicationModule(allowedDependencies = {"jobs", "results", "scheduling", "shared", "storage"})
package dev.vigil.retention;

import org.springframework.modulith.ApplicationModule;
