@NullMarked
package dev.vigil.scap.arf;

import org.jspecify.annotations.NullMarked;
