package dev.vigil.web.firing;

import dev.vigil.firing.JobFire;
import dev.vigil.web.Meta;
import java.util.List;

/** The API shape of a job fire. */
public final class FireJson {

  private FireJson() {}

  /** A fire of a job's schedule. */
  public record FireRecord(
      long id,
      long jobId,
      String scheduledFor,
      String handledAt,
      String outcome,
      Long executionId,
      String reason) {}

  /** {@code GET /api/jobs/{id}/fires}. */
  public record FireList(List<FireRecord> fires, Meta meta) {}

  /** {@code id, jobId, scheduledFor, handledAt, outcome, executionId, reason}. */
  public static FireRecord record(JobFire f) {
    return new FireRecord(
        f.id(),
        f.jobId(),
        f.scheduledFor().toString(),
        f.handledAt().toString(),
        f.outcome().code(),
        f.executionId(),
        f.reason());
  }
}
