/** The scan engine: the target's own oscap, locally or over SSH. */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.vigil.scanning;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
