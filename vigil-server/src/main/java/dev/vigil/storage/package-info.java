@NullMarked
package dev.vigil.storage;

import org.jspecify.annotations.NullMarked;
