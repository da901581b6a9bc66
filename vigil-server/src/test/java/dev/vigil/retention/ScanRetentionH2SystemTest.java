package dev.vigil.retention;

import dev.vigil.testsupport.VigilSystemTestWithClock;

/** The retention flow on H2 (PostgreSQL mode). */
@VigilSystemTestWithClock
class ScanRetentionH2SystemTest extends ScanRetentionFlow {}
