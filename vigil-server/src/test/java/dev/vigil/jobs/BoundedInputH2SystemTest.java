package dev.vigil.jobs;

import dev.vigil.testsupport.VigilSystemTestWithLimits;

/** The bounded-input flow on an in-memory H2 database. */
@VigilSystemTestWithLimits
class BoundedInputH2SystemTest extends BoundedInputFlow {}
