/** Servers, instances and SSH credentials, and the connection test. */
@ApplicationModule(allowedDependencies = {"scanning", "shared", "storage"})
@NullMarked
package dev.vigil.inventory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
