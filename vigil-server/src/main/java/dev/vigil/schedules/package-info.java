/** Execute schedules. */
@ApplicationModule(allowedDependencies = {"shared", "storage"})
package dev.vigil.schedules;

import org.springframework.modulith.ApplicationModule;
