/** Servers, instances and SSH credentials, and the connection test. */
@ApplicationModule(allowedDependencies = {"scanning", "shared", "storage"})
package dev.vigil.inventory;

import org.springframework.modulith.ApplicationModule;
