/**
 * Fires jobs at their date and time or on their execute schedule, once per due time across nodes.
 */
@ApplicationModule(
    allowedDependencies = {"executions", "jobs", "schedules", "scheduling", "shared", "storage"})
package dev.vigil.firing;

import org.springframework.modulith.ApplicationModule;
