/** Security packages: fetched from a URL, unpacked safely, indexed and versioned. */
@ApplicationModule(allowedDependencies = {"scap", "scheduling", "shared", "storage"})
@NullMarked
package dev.vigil.packages;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
