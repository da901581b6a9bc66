/**
 * Recording a scan: its ARF and report stored compactly, its rule results, the verdict rules, and
 * the compliance read model kept with it.
 */
@ApplicationModule(allowedDependencies = {"packages", "scap", "shared", "storage"})
package dev.vigil.results;

import org.springframework.modulith.ApplicationModule;
