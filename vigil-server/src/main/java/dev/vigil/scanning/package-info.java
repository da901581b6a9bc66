@NullMarked
package dev.vigil.scanning;

import org.jspecify.annotations.NullMarked;
