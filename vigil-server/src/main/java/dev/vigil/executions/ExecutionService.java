package dev.vigil.executions;

import dev.vigil.access.UserRef;
import dev.vigil.inventory.ServerService;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.web.ConflictException;
import dev.vigil.web.InvalidInputException;
import dev.vigil.web.ListQuery;
import dev.vigil.web.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts job executions (one target run per server, in one transaction, the first max parallel
 * handed to the scheduler) and reads them back.
 */
@Service
public class ExecutionService {

  private final ExecutionRepository repo;
  private final JobService jobs;
  private final ServerService servers;
  private final TargetRunDispatcher dispatcher;
  private final TargetRunRecorder recorder;
  private final RunningScans running;
  private final Clock clock;

  ExecutionService(
      ExecutionRepository repo,
      JobService jobs,
      ServerService servers,
      TargetRunDispatcher dispatcher,
      TargetRunRecorder recorder,
      RunningScans running,
      Clock clock) {
    this.repo = repo;
    this.jobs = jobs;
    this.servers = servers;
    this.dispatcher = dispatcher;
    this.recorder = recorder;
    this.running = running;
    this.clock = clock;
  }

  /**
   * Creates an execution of the job now and queues its first target runs.
   *
   * @param trigger {@code manual}, {@code api} or {@code schedule}
   * @throws JobAlreadyRunning when an execution of the job is still queued or running
   * @throws InvalidInputException when the job has no servers to scan
   */
  @Transactional
  public JobExecution execute(long jobId, String trigger, UserRef user) {
    Job job = lockIdle(jobId);
    List<Long> serverIds = jobs.resolveServerIds(job);
    if (serverIds.isEmpty()) {
      throw new InvalidInputException("targets", "job " + job.name() + " has no servers to scan");
    }
    return start(job, serverIds, trigger, user);
  }

  /**
   * Runs an ended execution's job again for the servers it did not scan: failed, timed out,
   * cancelled and never started; servers deleted since are left out.
   *
   * @throws ConflictException when the execution has not ended, its job was deleted or runs, or
   *     every server was scanned
   */
  @Transactional
  public JobExecution rerun(long executionId, String trigger, UserRef user) {
    JobExecution e = get(executionId);
    if (!e.status().ended() || e.jobId() == null) {
      throw new ConflictException(
          "job execution "
              + executionId
              + " cannot be re-run: it is "
              + (e.jobId() == null ? "of a deleted job" : e.status().code()));
    }
    Job job = lockIdle(e.jobId());
    List<Long> serverIds =
        repo.runsOf(executionId).stream()
            .filter(r -> r.status() != TargetRunStatus.DONE && r.serverId() != null)
            .map(TargetRun::serverId)
            .filter(id -> !servers.byIds(List.of(id)).isEmpty())
            .toList();
    if (serverIds.isEmpty()) {
      throw new ConflictException("job execution " + executionId + " has no server to re-run");
    }
    return start(job, serverIds, trigger, user);
  }

  private Job lockIdle(long jobId) {
    Job job = jobs.get(jobId);
    repo.lockJob(jobId);
    repo.activeOf(jobId)
        .ifPresent(
            e -> {
              throw new JobAlreadyRunning(job.id(), job.name(), e.id());
            });
    return job;
  }

  private JobExecution start(Job job, List<Long> serverIds, String trigger, UserRef user) {
    JobExecution created =
        JobExecution.start(job.id(), job.name(), trigger, user, serverIds.size(), clock.instant());
    long id = repo.insert(created);
    for (int i = 0; i < serverIds.size(); i++) {
      long serverId = serverIds.get(i);
      repo.insertRun(TargetRun.queued(id, serverId, servers.get(serverId).name(), i));
    }
    dispatcher.dispatch(id, job.options().maxParallel());
    return repo.find(id).orElseThrow();
  }

  /**
   * Cancels the execution: records the cancel in the database (committed before this returns), ends
   * its queued target runs at once and kills its scans running on this node; the nodes running its
   * other scans see the cancel within {@code vigil.executions.cancel-poll-interval} and kill them.
   * Each ends cancelled when its scan stops, and so does the execution.
   *
   * @throws ConflictException when the execution has ended
   */
  public JobExecution cancel(long id, UserRef user) {
    String by = user == null ? "cancelled" : "cancelled by " + user.username();
    running.cancel(recorder.cancel(id, by));
    return get(id);
  }

  /** One execution. */
  @Transactional(readOnly = true)
  public JobExecution get(long id) {
    return repo.find(id).orElseThrow(() -> new NotFoundException("job execution", id));
  }

  /** The execution's target runs in target order. */
  @Transactional(readOnly = true)
  public List<TargetRun> runs(long executionId) {
    return repo.runsOf(executionId);
  }

  /** The step a target run scanning on this node is in; empty elsewhere or when not running. */
  public Optional<String> currentStep(long runId) {
    return running.step(runId);
  }

  /** One target run of the execution. */
  @Transactional(readOnly = true)
  public TargetRun run(long executionId, long runId) {
    return repo.findRun(runId)
        .filter(r -> r.executionId() == executionId)
        .orElseThrow(() -> new NotFoundException("process event", runId));
  }

  /** Executions newest first, filtered. */
  @Transactional(readOnly = true)
  public List<JobExecution> list(ExecutionFilter filter, ListQuery q) {
    return repo.list(filter, q);
  }

  /** How many executions {@link #list} would find without paging. */
  @Transactional(readOnly = true)
  public long count(ExecutionFilter filter) {
    return repo.count(filter);
  }
}
