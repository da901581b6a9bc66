package dev.vigil.executions;

import dev.vigil.storage.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which executions a list shows: of one job, in one status, created at or after {@code createdFrom}
 * and strictly before {@code createdBefore}, whose job name or creator contains {@code phrase}
 * (case-insensitive; each null = any).
 */
public record ExecutionFilter(
    Long jobId, ExecutionStatus status, Instant createdFrom, Instant createdBefore, String phrase) {

  /** Executions by job, status and creation time, any phrase. */
  public ExecutionFilter(
      Long jobId, ExecutionStatus status, Instant createdFrom, Instant createdBefore) {
    this(jobId, status, createdFrom, createdBefore, null);
  }

  /** Executions of one job and/or in one status, whenever created. */
  public ExecutionFilter(Long jobId, ExecutionStatus status) {
    this(jobId, status, null, null);
  }

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
    if (createdFrom != null) {
      terms.add("created_at >= ?");
    }
    if (createdBefore != null) {
      terms.add("created_at < ?");
    }
    if (phrase != null) {
      terms.add("(lower(job_name) like ? or lower(created_by_username) like ?)");
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
    if (createdFrom != null) {
      params.add(ExecutionRows.ts(createdFrom));
    }
    if (createdBefore != null) {
      params.add(ExecutionRows.ts(createdBefore));
    }
    if (phrase != null) {
      String like = Sql.contains(phrase);
      params.add(like);
      params.add(like);
    }
    return params;
  }
}
