/**
 * Operating the service: metrics (listening to the features' events), database health, the H2
 * outage.
 */
@ApplicationModule(allowedDependencies = {"executions", "packages", "results"})
@NullMarked
package dev.vigil.operations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
