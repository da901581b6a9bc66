/**
 * Fires jobs at their date and time or on their execute schedule, once per due time across nodes.
 */
@ApplicationModule(
    allowedDependencies = {"executions", "jobs", "schedules", "scheduling", "shared", "storage"})
@NullMarked
package dev.vigil.firing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
