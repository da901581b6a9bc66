package dev.vigil.firing.web;

import dev.vigil.firing.JobFire;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API shape of a job fire. */
public final class FireJson {

  private FireJson() {}

  /** {@code id, jobId, scheduledFor, handledAt, outcome, executionId, reason}. */
  public static Map<String, Object> record(JobFire f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("jobId", f.jobId());
    m.put("scheduledFor", f.scheduledFor().toString());
    m.put("handledAt", f.handledAt().toString());
    m.put("outcome", f.outcome().code());
    m.put("executionId", f.executionId());
    m.put("reason", f.reason());
    return m;
  }
}
