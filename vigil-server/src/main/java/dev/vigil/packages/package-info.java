/** Security packages: fetched from a URL, unpacked safely, indexed and versioned. */
@ApplicationModule(allowedDependencies = {"scap", "scheduling", "shared", "storage"})
package dev.vigil.packages;

import org.springframework.modulith.ApplicationModule;
