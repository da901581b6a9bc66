/** Rule waivers. */
@ApplicationModule(allowedDependencies = {"access", "shared", "storage"})
@NullMarked
package dev.vigil.waivers;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
