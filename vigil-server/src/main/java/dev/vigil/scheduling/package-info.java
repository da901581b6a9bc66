@NullMarked
package dev.vigil.scheduling;

import org.jspecify.annotations.NullMarked;
