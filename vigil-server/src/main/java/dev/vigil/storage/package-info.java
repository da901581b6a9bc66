/** Blobs in the database and SQL helpers. */
@ApplicationModule(allowedDependencies = {})
package dev.vigil.storage;

import org.springframework.modulith.ApplicationModule;
