/**
 * The SCAP library: safe XML, content (datastreams, checklists, profiles), tailoring files and ARF
 * results. An open module: features use its sub-packages directly.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.vigil.scap;

import org.springframework.modulith.ApplicationModule;
