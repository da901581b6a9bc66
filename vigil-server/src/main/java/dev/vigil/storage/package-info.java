/** Blobs in the database and SQL helpers. */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.vigil.storage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
