package dev.vigil.web.jobs;

import dev.vigil.executions.JobExecution;
import dev.vigil.jobs.Job;
import java.time.Instant;
import java.util.List;

/**
 * A job as the pages show it: with its package and schedule names, targets, next fire and its
 * latest execution (null when it never ran).
 */
record JobView(
    Job job,
    String packageName,
    String schedule,
    List<String> targetNames,
    Instant nextFire,
    JobExecution lastRun) {}
