/** Execute schedules. */
@ApplicationModule(allowedDependencies = {"shared", "storage"})
@NullMarked
package dev.vigil.schedules;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
