package dev.vigil.executions;

import dev.vigil.testsupport.VigilSystemTest;

/** The end-to-end job execution flow on H2 in PostgreSQL mode (the default database). */
@VigilSystemTest
class E2eJobExecutionH2SystemTest extends E2eJobExecutionFlow {}
