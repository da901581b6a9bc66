/**
 * The shared kernel: the errors every feature raises (not found, conflict, invalid input) and list
 * queries; no web types.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.vigil.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
