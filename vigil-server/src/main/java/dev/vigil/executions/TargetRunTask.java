package dev.vigil.executions;

import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.results.SecurityScan;
import dev.vigil.scanning.FailureReason;
import dev.vigil.scanning.ScanControl;
import dev.vigil.scanning.ScanFailure;
import dev.vigil.scheduling.TaskHandler;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The background scan of one target run: claims it, scans its server with no transaction held, then
 * records done or the failure's reason and hands over the next queued run of the execution.
 */
@Component
class TargetRunTask implements TaskHandler {

  static final String NAME = "target-run";
  private static final Logger log = LoggerFactory.getLogger(TargetRunTask.class);

  private final TargetRunRecorder recorder;
  private final ExecutionService executions;
  private final JobService jobs;
  private final ServerScanService scans;
  private final RunningScans running;
  private final Clock clock;

  TargetRunTask(
      TargetRunRecorder recorder,
      ExecutionService executions,
      JobService jobs,
      ServerScanService scans,
      RunningScans running,
      Clock clock) {
    this.recorder = recorder;
    this.executions = executions;
    this.jobs = jobs;
    this.scans = scans;
    this.running = running;
    this.clock = clock;
  }

  @Override
  public String taskName() {
    return NAME;
  }

  @Override
  public void execute(String instanceId) {
    long runId = Long.parseLong(instanceId);
    ScanControl control = running.register(runId);
    try {
      recorder.claim(runId).ifPresent(run -> scan(run, control));
    } catch (RuntimeException e) {
      log.error("target run {} could not be claimed or recorded", runId, e);
    } finally {
      running.remove(runId);
    }
  }

  private void scan(TargetRun run, ScanControl control) {
    try {
      SecurityScan scan = scans.scan(order(run), control);
      recorder.finish(run.id(), r -> r.markDone(scan.id(), clock.instant()));
    } catch (ScanFailure e) {
      log.info(
          "execution {} target run {} ({}) failed: {}",
          run.executionId(),
          run.id(),
          run.serverName(),
          e.getMessage());
      recorder.finish(run.id(), r -> failed(r, e));
    } catch (RuntimeException e) {
      log.error(
          "execution {} target run {} ({}) failed unexpectedly",
          run.executionId(),
          run.id(),
          run.serverName(),
          e);
      String why = "internal error: " + e.getMessage();
      recorder.finish(run.id(), r -> r.markFailed(why, "internal", clock.instant()));
    }
  }

  private ScanOrder order(TargetRun run) {
    JobExecution e = executions.get(run.executionId());
    if (e.jobId() == null || run.serverId() == null) {
      throw new IllegalStateException("the job or the server was deleted");
    }
    Job job = jobs.get(e.jobId());
    String by = e.createdBy() == null ? "job " + job.name() : e.createdBy().username();
    return new ScanOrder(
        run.serverId(),
        job.packageId(),
        job.scanPath(),
        job.securityProfile(),
        Duration.ofMinutes(job.options().timeoutMinutes()),
        by);
  }

  private TargetRun failed(TargetRun r, ScanFailure e) {
    String why = e.reason().label() + ": " + e.getMessage();
    if (e.reason() == FailureReason.CANCELLED) {
      return r.cancel(why, clock.instant());
    }
    return e.reason() == FailureReason.SCAN_TIMED_OUT
        ? r.markTimedOut(why, e.reason().code(), clock.instant())
        : r.markFailed(why, e.reason().code(), clock.instant());
  }
}
