/**
 * Users, roles, API tokens and login throttling: who may do what ("Security: Scanning" None, Read
 * or Full).
 */
@ApplicationModule(allowedDependencies = {"shared", "storage"})
@NullMarked
package dev.vigil.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
