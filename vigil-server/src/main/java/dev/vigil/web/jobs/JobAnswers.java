package dev.vigil.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.web.Meta;
import dev.vigil.web.executions.ExecutionJson.ExecutionList;
import dev.vigil.web.firing.FireJson.FireRecord;
import dev.vigil.web.jobs.JobJson.JobRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The typed answers of the jobs API; named in the OpenAPI document. */
final class JobAnswers {

  private JobAnswers() {}

  /** {@code GET /api/jobs}: a page of jobs and the last seven days' execution stats. */
  record JobList(List<JobRecord> jobs, JobStats stats, Meta meta) {}

  /** {@code jobs list}'s "Execution Stats - Last 7 Days", over every job. */
  record JobStats(
      long jobCount,
      long todayCount,
      List<Long> executionsPerDay,
      long execCount,
      long execSuccess,
      double execSuccessRate,
      long execFailed,
      double execFailedRate) {}

  /** {@code GET /api/jobs/{id}}: the job, its latest executions and its latest fires. */
  record JobOne(JobRecord job, ExecutionList executions, List<FireRecord> fires) {}

  /**
   * A created or updated job; with {@code "run": true} the execution it started, or a {@code msg}
   * saying why it did not run (each left out when it does not apply).
   */
  record JobSaved(
      boolean success,
      @JsonInclude(JsonInclude.Include.NON_NULL) StartedExecution jobExecution,
      @JsonInclude(JsonInclude.Include.NON_NULL) String msg,
      JobRecord job) {}

  /** {@code PUT /api/jobs/{id}/execute}. */
  record Executed(boolean success, JobId job, StartedExecution jobExecution) {}

  /** The job an execute started. */
  @Schema(name = "ExecutedJobRef")
  record JobId(long id) {}

  /** The execution a job start made; {@code processId} is its {@code process.id}. */
  record StartedExecution(long id, long processId) {}

  /** {@code GET /api/options/jobTypes} and {@code /api/options/securityPackages}. */
  @Schema(name = "OptionList")
  record Options(boolean success, List<OptionItem> data) {}

  /** One option of a Morpheus option list. */
  record OptionItem(
      String name,
      @Schema(
              description = "an id (number) or a code (string)",
              oneOf = {Long.class, String.class})
          Object value,
      @JsonInclude(JsonInclude.Include.NON_NULL) String code) {}

  /**
   * {@code GET /api/job-options/14}: what a job may be set to; with {@code securityPackageId} the
   * package's checklists and, by checklist path, their profiles.
   */
  record JobOptions(
      List<Choice> targetTypes,
      List<Choice> schedules,
      boolean allowCustomConfig,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Choice> checklists,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<Choice>> profiles) {}
}
