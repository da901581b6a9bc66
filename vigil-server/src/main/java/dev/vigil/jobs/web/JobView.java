package dev.vigil.jobs.web;

import dev.vigil.jobs.Job;
import java.time.Instant;
import java.util.List;

/** A job as the pages show it: with its package and schedule names, targets and next fire. */
record JobView(
    Job job, String packageName, String schedule, List<String> targetNames, Instant nextFire) {}
