/** The task scheduler (db-scheduler) features register their tasks with. */
@ApplicationModule(allowedDependencies = {"storage"})
@NullMarked
package dev.vigil.scheduling;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
