package dev.vigil.executions;

import dev.vigil.access.UserRef;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.PackageVersion;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.tailoring.TailoringService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final PackageService packages;
  private final TargetRunDispatcher dispatcher;
  private final TargetRunRecorder recorder;
  private final RunningScans running;
  private final Clock clock;
  private final TailoringService tailorings;

  ExecutionService(
      ExecutionRepository repo,
      JobService jobs,
      ServerService servers,
      PackageService packages,
      TargetRunDispatcher dispatcher,
      TargetRunRecorder recorder,
      RunningScans running,
      Clock clock,
      TailoringService tailorings) {
    this.tailorings = tailorings;
    this.repo = repo;
    this.jobs = jobs;
    this.servers = servers;
    this.packages = packages;
    this.dispatcher = dispatcher;
    this.recorder = recorder;
    this.running = running;
    this.clock = clock;
  }

  /**
   * Creates an execution of the job now, its plan pinned (package version, checklist, profile,
   * settings, servers), and queues its first target runs. The job row is locked first and read
   * after, so the plan is the job as it is when no other execute of it can interleave; everything
   * done under the lock is a fixed number of statements (one read of the servers, one batch of
   * runs).
   *
   * @param trigger {@code manual}, {@code api} or {@code schedule}
   * @throws JobAlreadyRunning when an execution of the job is still queued or running
   * @throws InvalidInputException when the job has no servers to scan or its package no version
   */
  @Transactional
  public JobExecution execute(long jobId, String trigger, UserRef user) {
    Job job = lockIdle(jobId);
    List<Server> targets = jobs.resolveServers(job);
    if (targets.isEmpty()) {
      throw new InvalidInputException("targets", "job " + job.name() + " has no servers to scan");
    }
    return start(job, planOf(job), targets, trigger, user);
  }

  /**
   * Scan now: a one-off execution of the job over one server, whatever the job targets, with the
   * job's package (current version), checklist, profile and settings. It counts as an execution of
   * the job (numbered, listed and compared with its others).
   *
   * @throws JobAlreadyRunning when an execution of the job is still queued or running
   * @throws dev.vigil.shared.NotFoundException when the job or the server does not exist
   */
  @Transactional
  public JobExecution executeOn(long jobId, long serverId, String trigger, UserRef user) {
    Job job = lockIdle(jobId);
    Server server = servers.get(serverId);
    return start(job, planOf(job), List.of(server), trigger, user);
  }

  /**
   * Runs an ended execution again for the servers it did not scan (failed, timed out, cancelled and
   * never started; servers deleted since are left out) with the ended execution's plan: the same
   * package version, checklist, profile and settings, whatever the job says now. An execution ended
   * before plans were kept is re-run with its job's current plan.
   *
   * @throws ConflictException when the execution has not ended, its job was deleted or runs, its
   *     package version was deleted, or every server was scanned
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
    // an ended execution's runs do not change: read before the job lock is taken
    List<Server> targets = notDone(executionId);
    if (targets.isEmpty()) {
      throw new ConflictException("job execution " + executionId + " has no server to re-run");
    }
    Job job = lockIdle(e.jobId());
    ExecutionPlan plan = e.plan() == null ? planOf(job) : e.plan();
    if (packages.version(plan.packageVersionId()).isEmpty()) {
      throw new ConflictException(
          "job execution "
              + executionId
              + " cannot be re-run: version "
              + plan.packageVersionNo()
              + " of security package "
              + plan.packageName()
              + " was deleted");
    }
    return start(job, plan, targets, trigger, user);
  }

  /** The servers of the execution's runs that did not end done, in target order, in one read. */
  private List<Server> notDone(long executionId) {
    List<Long> ids =
        repo.runsOf(executionId).stream()
            .filter(r -> r.status() != TargetRunStatus.DONE && r.serverId() != null)
            .map(TargetRun::serverId)
            .toList();
    Map<Long, Server> existing = new HashMap<>();
    servers.byIds(ids).forEach(s -> existing.put(s.id(), s));
    return ids.stream().filter(existing::containsKey).map(existing::get).toList();
  }

  /** Locks the job's row, then reads it; refused while an execution of it is queued or running. */
  private Job lockIdle(long jobId) {
    Job job = jobs.getLocked(jobId);
    repo.activeOf(jobId)
        .ifPresent(
            e -> {
              throw new JobAlreadyRunning(job.id(), job.name(), e.id());
            });
    return job;
  }

  /** The job's plan with its package's current version. */
  private ExecutionPlan planOf(Job job) {
    SecurityPackage pkg = packages.get(job.packageId());
    PackageVersion version =
        packages
            .currentVersion(pkg)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "securityPackage",
                        "security package " + pkg.name() + " has no version to scan yet"));
    Integer tailoringVersion =
        job.securityTailoringId() == null
            ? null
            : tailorings.get(job.securityTailoringId()).versionNo();
    return ExecutionPlan.of(job, pkg, version, tailoringVersion);
  }

  private JobExecution start(
      Job job, ExecutionPlan plan, List<Server> targets, String trigger, UserRef user) {
    JobExecution created =
        JobExecution.start(
            job.id(), job.name(), trigger, user, targets.size(), plan, clock.instant());
    long id = repo.insert(created);
    List<TargetRun> runs = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      runs.add(TargetRun.queued(id, targets.get(i).id(), targets.get(i).name(), i));
    }
    repo.insertRuns(runs);
    dispatcher.dispatch(id, plan.maxParallel());
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
  /**
   * Each execution's number among its job's executions ("execution 3 of nightly"), by execution id;
   * an execution without one (its job deleted before numbers were kept) is absent.
   */
  public Map<Long, Integer> jobNumbers(Collection<Long> ids) {
    return repo.jobNumbers(ids);
  }

  public List<JobExecution> list(ExecutionFilter filter, ListQuery q) {
    return repo.list(filter, q);
  }

  /** How many executions {@link #list} would find without paging. */
  @Transactional(readOnly = true)
  public long count(ExecutionFilter filter) {
    return repo.count(filter);
  }
}
