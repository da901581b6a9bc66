@NullMarked
package dev.vigil.scap.xml;

import org.jspecify.annotations.NullMarked;
