/** The scan engine: the target's own oscap, locally or over SSH. */
@ApplicationModule(allowedDependencies = {})
package dev.vigil.scanning;

import org.springframework.modulith.ApplicationModule;
