package dev.vigil.executions;

import java.util.ArrayList;
import java.util.List;

/** Which executions a list shows: of one job and/or in one status (null = any). */
public record ExecutionFilter(Long jobId, ExecutionStatus status) {

  /** The executions of one job (any job when null). */
  public static ExecutionFilter ofJob(Long jobId) {
    return new ExecutionFilter(jobId, null);
  }

  String where() {
    List<String> terms = new ArrayList<>();
    if (jobId != null) {
      terms.add("job_id = ?");
    }
    if (status != null) {
      terms.add("status = ?");
    }
    return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
  }

  List<Object> params() {
    List<Object> params = new ArrayList<>();
    if (jobId != null) {
      params.add(jobId);
    }
    if (status != null) {
      params.add(status.code());
    }
    return params;
  }
}
