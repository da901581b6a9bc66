package dev.vigil.compliance;

import dev.vigil.testsupport.VigilSystemTestWithClock;

/**
 * The compliance flow on an in-memory H2 database. MockMvc keeps no copy of each response for
 * printing, so the page timings measure the application, not the test harness.
 */
@VigilSystemTestWithClock
class ComplianceH2SystemTest extends ComplianceFlow {}
