package dev.vigil.firing;

import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobAlreadyRunning;
import dev.vigil.executions.JobExecution;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.jobs.ScheduleMode;
import dev.vigil.schedules.ExecuteSchedule;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles one job in its own transaction: locks the job and its mark, decides afresh, and when a
 * fire is due starts an execution (trigger {@code schedule}, no user) in a savepoint, records the
 * fire (started, skipped while the previous execution runs, or failed with the reason) and moves
 * the mark, all or nothing.
 */
@Component
class JobFirer {

  /** The execution trigger of a fire. */
  static final String TRIGGER = "schedule";

  private static final Logger log = LoggerFactory.getLogger(JobFirer.class);

  private final FireRepository repo;
  private final JobService jobs;
  private final ScheduleService schedules;
  private final ExecutionService executions;
  private final FiringSettings settings;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final TransactionTemplate savepoint;

  JobFirer(
      FireRepository repo,
      JobService jobs,
      ScheduleService schedules,
      ExecutionService executions,
      FiringSettings settings,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.repo = repo;
    this.jobs = jobs;
    this.schedules = schedules;
    this.executions = executions;
    this.settings = settings;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
    tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Handles the job now; returns the fire recorded, if any.
   *
   * @throws NotFoundException when the job was deleted meanwhile
   */
  Optional<JobFire> handle(long jobId) {
    return tx.execute(status -> handleLocked(jobs.getLocked(jobId)));
  }

  private Optional<JobFire> handleLocked(Job job) {
    Instant now = clock.instant();
    FireMark stored = repo.markForUpdate(job.id()).orElse(null);
    FireDecision d = FireDecision.decide(job, scheduleOf(job), stored, now);
    FireMark mark = d.mark();
    if (d.markChanged()) {
      if (mark == null) {
        throw new IllegalStateException("job " + job.id() + ": a changed fire mark is missing");
      }
      repo.saveMark(mark);
    }
    if (d.action() == FireDecision.Action.SWALLOW) {
      log.debug(
          "job {} or its schedule is disabled: fire of {} passes", job.id(), d.scheduledFor());
    }
    if (d.action() != FireDecision.Action.FIRE) {
      return Optional.empty();
    }
    JobFire fire = repo.insertFire(start(job, d, now));
    repo.trimFires(job.id(), settings.keptFires());
    return Optional.of(fire);
  }

  private JobFire start(Job job, FireDecision d, Instant now) {
    Instant scheduledFor = d.scheduledFor();
    Instant firstDue = d.firstDue();
    if (scheduledFor == null || firstDue == null) {
      throw new IllegalStateException("job " + job.id() + ": a fire decision has no fire time");
    }
    String coalesced =
        firstDue.equals(scheduledFor) ? null : "coalesces the fires due since " + firstDue;
    try {
      JobExecution e = savepoint.execute(s -> executions.execute(job.id(), TRIGGER, null));
      log.info("job {} fired for {}: execution {}", job.id(), scheduledFor, e.id());
      return JobFire.of(job.id(), scheduledFor, now, FireOutcome.STARTED, e.id(), coalesced);
    } catch (JobAlreadyRunning busy) {
      String reason = skippedReason(busy);
      log.info("job {} fire for {} skipped: {}", job.id(), scheduledFor, reason);
      return JobFire.of(job.id(), scheduledFor, now, FireOutcome.SKIPPED, null, reason);
    } catch (InvalidInputException | NotFoundException | ConflictException refused) {
      log.warn("job {} fire for {} failed: {}", job.id(), scheduledFor, refused.getMessage());
      return JobFire.of(
          job.id(), scheduledFor, now, FireOutcome.FAILED, null, refused.getMessage());
    } catch (RuntimeException e) {
      log.warn("job {} fire for {} failed", job.id(), scheduledFor, e);
      return JobFire.of(
          job.id(), scheduledFor, now, FireOutcome.FAILED, null, "could not start: " + e);
    }
  }

  /** "previous execution 12 still running", with the id the executions feature reported. */
  static String skippedReason(JobAlreadyRunning busy) {
    return "previous execution " + busy.executionId() + " still running";
  }

  private @Nullable ExecuteSchedule scheduleOf(Job job) {
    if (job.scheduleMode() != ScheduleMode.SCHEDULE || job.scheduleId() == null) {
      return null;
    }
    try {
      return schedules.get(job.scheduleId());
    } catch (NotFoundException gone) {
      return null;
    }
  }
}
