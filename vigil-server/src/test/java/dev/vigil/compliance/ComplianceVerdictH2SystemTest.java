package dev.vigil.compliance;

import dev.vigil.testsupport.VigilSystemTestWithClock;

/**
 * The verdict flow on an in-memory H2 database, with the compliance flow's settings (so one
 * application context serves both when they run in the same JVM).
 */
@VigilSystemTestWithClock
class ComplianceVerdictH2SystemTest extends ComplianceVerdictFlow {}
