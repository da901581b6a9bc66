/**
 * The SCAP library: safe XML, content (datastreams, checklists, profiles), tailoring files and ARF
 * results. An open module: features use its sub-packages directly.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.vigil.scap;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
