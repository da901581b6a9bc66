/**
 * Operating the service: metrics (listening to the features' events), database health, the H2
 * outage.
 */
@ApplicationModule(allowedDependencies = {"executions", "packages", "results"})
package dev.vigil.operations;

import org.springframework.modulith.ApplicationModule;
