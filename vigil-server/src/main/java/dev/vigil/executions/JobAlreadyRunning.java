package dev.vigil.executions;

import dev.vigil.shared.ConflictException;
import java.util.Map;

/** An execution of the job is still queued or running, so another cannot start; names it. */
public class JobAlreadyRunning extends ConflictException {

  private final long jobId;
  private final long executionId;

  public JobAlreadyRunning(long jobId, String jobName, long executionId) {
    super("job " + jobName + " is already running (execution " + executionId + ")");
    this.jobId = jobId;
    this.executionId = executionId;
  }

  public long jobId() {
    return jobId;
  }

  /** The execution still queued or running. */
  public long executionId() {
    return executionId;
  }

  @Override
  public Map<String, Object> details() {
    return Map.of("jobExecution", Map.of("id", executionId));
  }
}
