/**
 * Users, roles, API tokens and login throttling: who may do what ("Security: Scanning" None, Read
 * or Full).
 */
@ApplicationModule(allowedDependencies = {"shared", "storage"})
package dev.vigil.access;

import org.springframework.modulith.ApplicationModule;
