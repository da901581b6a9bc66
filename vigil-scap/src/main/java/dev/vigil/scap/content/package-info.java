@NullMarked
package dev.vigil.scap.content;

import org.jspecify.annotations.NullMarked;
