package dev.vigil.firing;

import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.schedules.ExecuteSchedule;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.scheduling.RecurringHandler;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The firing tick, a recurring task (one node of the cluster at a time): looks at every job with a
 * date-time or an execute schedule, enabled or not, and hands each one with something to do (a fire
 * due, or a mark to start or renew) to {@link JobFirer}, one transaction per job, so one broken job
 * does not hold up the others.
 */
@Component
class JobFiring implements RecurringHandler {

  static final String TASK = "job-firing";

  private static final Logger log = LoggerFactory.getLogger(JobFiring.class);

  private final JobService jobs;
  private final ScheduleService schedules;
  private final FireRepository repo;
  private final JobFirer firer;
  private final FiringSettings settings;
  private final Clock clock;

  JobFiring(
      JobService jobs,
      ScheduleService schedules,
      FireRepository repo,
      JobFirer firer,
      FiringSettings settings,
      Clock clock) {
    this.jobs = jobs;
    this.schedules = schedules;
    this.repo = repo;
    this.firer = firer;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String taskName() {
    return TASK;
  }

  @Override
  public Duration interval() {
    return settings.tickInterval();
  }

  @Override
  public void run() {
    Map<Long, FireMark> marks = repo.marks();
    List<Job> timed = jobs.timedJobs();
    forgetUntimed(marks.keySet(), timed.stream().map(Job::id).collect(Collectors.toSet()));
    Map<Long, ExecuteSchedule> byId =
        schedules.list(new ListQuery(ListQuery.ALL, 0, null, null, null, false)).stream()
            .collect(Collectors.toMap(ExecuteSchedule::id, Function.identity()));
    Instant now = clock.instant();
    for (Job job : timed) {
      ExecuteSchedule schedule = job.scheduleId() == null ? null : byId.get(job.scheduleId());
      if (FireDecision.decide(job, schedule, marks.get(job.id()), now).needed()) {
        handle(job.id());
      }
    }
  }

  /** A job made manual loses its mark: when it is timed again it starts afresh. */
  private void forgetUntimed(Set<Long> marked, Set<Long> timed) {
    marked.stream().filter(id -> !timed.contains(id)).forEach(repo::deleteMark);
  }

  private void handle(long jobId) {
    try {
      firer.handle(jobId);
    } catch (NotFoundException gone) {
      log.debug("job {} was deleted before it could be fired", jobId);
    } catch (RuntimeException e) {
      log.warn("firing job {} failed; it is tried again on the next tick", jobId, e);
    }
  }
}
