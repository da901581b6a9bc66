@NullMarked
package dev.vigil.scap.tailoring;

import org.jspecify.annotations.NullMarked;
