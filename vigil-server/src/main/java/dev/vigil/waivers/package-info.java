/** Rule waivers. */
@ApplicationModule(allowedDependencies = {"access", "shared", "storage"})
package dev.vigil.waivers;

import org.springframework.modulith.ApplicationModule;
