package dev.vigil.compliance;

import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.jobs.ScheduleMode;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.shared.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs and how old their scans may get, looked up once per compliance question: a job on an execute
 * schedule allows the time between its next two fires plus the grace, anything else the default.
 */
final class ComplianceCadence {

  private final JobService jobs;
  private final ScheduleService schedules;
  private final ComplianceSettings settings;
  private final Instant now;
  private final Map<Long, Optional<Job>> found = new HashMap<>();
  private final Map<Long, Duration> allowed = new HashMap<>();

  ComplianceCadence(
      JobService jobs, ScheduleService schedules, ComplianceSettings settings, Instant now) {
    this.jobs = jobs;
    this.schedules = schedules;
    this.settings = settings;
    this.now = now;
  }

  Instant now() {
    return now;
  }

  /** The job, empty when it was deleted. */
  Optional<Job> job(Long id) {
    if (id == null) {
      return Optional.empty();
    }
    return found.computeIfAbsent(id, this::load);
  }

  /** How old a scan governed by this job (null: none) may be before it is stale. */
  Duration staleAfter(Long jobId) {
    Optional<Job> job = job(jobId);
    if (job.isEmpty()) {
      return settings.staleAfter();
    }
    return allowed.computeIfAbsent(jobId, id -> interval(job.get()));
  }

  private Duration interval(Job job) {
    if (job.scheduleMode() != ScheduleMode.SCHEDULE || job.scheduleId() == null) {
      return settings.staleAfter();
    }
    try {
      List<Instant> fires = schedules.get(job.scheduleId()).cronSchedule().next(now, 2);
      if (fires.size() < 2) {
        return settings.staleAfter();
      }
      return Duration.between(fires.get(0), fires.get(1)).plus(settings.staleGrace());
    } catch (NotFoundException | IllegalArgumentException gone) {
      return settings.staleAfter();
    }
  }

  private Optional<Job> load(long id) {
    try {
      return Optional.of(jobs.get(id));
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }
}
