/** The task scheduler (db-scheduler) features register their tasks with. */
@ApplicationModule(allowedDependencies = {"storage"})
package dev.vigil.scheduling;

import org.springframework.modulith.ApplicationModule;
