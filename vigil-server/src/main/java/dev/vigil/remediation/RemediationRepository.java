package dev.vigil.remediation;

import static dev.vigil.storage.Sql.instant;
import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;
import static dev.vigil.storage.Sql.values;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Remediation runs, their targets, rule outcomes and events. */
@Repository
class RemediationRepository {

  private final JdbcClient jdbc;

  RemediationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(RemediationRun r) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into remediation_runs (source_type, source_id, package_id, package_version_id,"
                + " checklist_path, benchmark_id, profile_id, status, reason, created_by_id,"
                + " created_by_username, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            values(
                r.sourceType(),
                r.sourceId(),
                r.packageId(),
                r.packageVersionId(),
                r.checklistPath(),
                r.benchmarkId(),
                r.profileId(),
                r.status().code(),
                r.reason(),
                r.createdBy().id(),
                r.createdBy().username(),
                ts(r.createdAt())))
        .update(key, "id");
    return Objects.requireNonNull(key.getKey(), "generated id").longValue();
  }

  void update(RemediationRun r) {
    jdbc.sql(
            "update remediation_runs set status = ?, decided_by_id = ?, decided_by_username = ?,"
                + " decided_at = ?, decision_reason = ?, cancel_requested_at = ?, started_at = ?,"
                + " finished_at = ? where id = ?")
        .params(
            values(
                r.status().code(),
                r.decidedBy() == null ? null : r.decidedBy().id(),
                r.decidedBy() == null ? null : r.decidedBy().username(),
                ts(r.decidedAt()),
                r.decisionReason(),
                ts(r.cancelRequestedAt()),
                ts(r.startedAt()),
                ts(r.finishedAt()),
                r.id()))
        .update();
  }

  Optional<RemediationRun> find(long id) {
    return jdbc.sql("select * from remediation_runs where id = ?")
        .param(id)
        .query(RemediationRepository::run)
        .optional();
  }

  Optional<RemediationRun> findForUpdate(long id) {
    return jdbc.sql("select * from remediation_runs where id = ? for update")
        .param(id)
        .query(RemediationRepository::run)
        .optional();
  }

  List<RemediationRun> list(int max, int offset) {
    return jdbc.sql("select * from remediation_runs order by id desc limit ? offset ?")
        .params(max, offset)
        .query(RemediationRepository::run)
        .list();
  }

  long count() {
    return jdbc.sql("select count(*) from remediation_runs").query(Long.class).single();
  }

  void insertTarget(RemediationTarget t) {
    jdbc.sql(
            "insert into remediation_targets (run_id, position, server_id, server_name,"
                + " before_scan_id, rule_ids, script_sha256, script_header, fix_sha256,"
                + " content_sha256, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            values(
                t.runId(),
                t.position(),
                t.serverId(),
                t.serverName(),
                t.beforeScanId(),
                String.join("\n", t.ruleIds()),
                t.scriptSha256(),
                t.scriptHeader(),
                t.fixSha256(),
                t.contentSha256(),
                t.status().code()))
        .update();
  }

  void updateTarget(RemediationTarget t) {
    jdbc.sql(
            "update remediation_targets set status = ?, exit_code = ?, output = ?, reason = ?,"
                + " after_scan_id = ?, started_at = ?, finished_at = ? where id = ?")
        .params(
            values(
                t.status().code(),
                t.exitCode(),
                t.output(),
                t.reason() == null ? null : cut(t.reason(), 4000),
                t.afterScanId(),
                ts(t.startedAt()),
                ts(t.finishedAt()),
                t.id()))
        .update();
  }

  List<RemediationTarget> targets(long runId) {
    return jdbc.sql("select * from remediation_targets where run_id = ? order by position")
        .param(runId)
        .query(RemediationRepository::target)
        .list();
  }

  void insertOutcomes(long targetId, List<RuleOutcome> outcomes) {
    for (RuleOutcome o : outcomes) {
      jdbc.sql(
              "insert into remediation_rule_outcomes (target_id, rule_id, before_result,"
                  + " after_result, outcome) values (?, ?, ?, ?, ?)")
          .params(values(targetId, o.ruleId(), o.before(), o.after(), o.outcome()))
          .update();
    }
  }

  List<RuleOutcome> outcomes(long targetId) {
    return jdbc.sql(
            "select rule_id, before_result, after_result, outcome from remediation_rule_outcomes"
                + " where target_id = ? order by outcome, rule_id")
        .param(targetId)
        .query(
            (rs, n) ->
                new RuleOutcome(
                    rs.getString("rule_id"),
                    rs.getString("before_result"),
                    rs.getString("after_result"),
                    rs.getString("outcome")))
        .list();
  }

  void event(
      long runId, Instant at, @Nullable String username, String action, @Nullable String detail) {
    jdbc.sql(
            "insert into remediation_events (run_id, at, username, action, detail)"
                + " values (?, ?, ?, ?, ?)")
        .params(values(runId, ts(at), username, action, detail == null ? null : cut(detail, 4000)))
        .update();
  }

  List<RunEvent> events(long runId) {
    return jdbc.sql("select * from remediation_events where run_id = ? order by id")
        .param(runId)
        .query(
            (rs, n) ->
                new RunEvent(
                    requiredInstant(rs, "at"),
                    rs.getString("username"),
                    rs.getString("action"),
                    rs.getString("detail")))
        .list();
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static RemediationRun run(ResultSet rs, int n) throws SQLException {
    long decidedBy = rs.getLong("decided_by_id");
    Actor decided = rs.wasNull() ? null : new Actor(decidedBy, rs.getString("decided_by_username"));
    return new RemediationRun(
        rs.getLong("id"),
        rs.getString("source_type"),
        rs.getLong("source_id"),
        (Long) rs.getObject("package_id", Long.class),
        (Long) rs.getObject("package_version_id", Long.class),
        rs.getString("checklist_path"),
        rs.getString("benchmark_id"),
        rs.getString("profile_id"),
        RunStatus.of(rs.getString("status")),
        rs.getString("reason"),
        new Actor(rs.getLong("created_by_id"), rs.getString("created_by_username")),
        requiredInstant(rs, "created_at"),
        decided,
        instant(rs, "decided_at"),
        rs.getString("decision_reason"),
        instant(rs, "cancel_requested_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static RemediationTarget target(ResultSet rs, int n) throws SQLException {
    String rules = rs.getString("rule_ids");
    return new RemediationTarget(
        rs.getLong("id"),
        rs.getLong("run_id"),
        rs.getInt("position"),
        rs.getObject("server_id", Long.class),
        rs.getString("server_name"),
        rs.getLong("before_scan_id"),
        rules.isEmpty() ? List.of() : Arrays.asList(rules.split("\n")),
        rs.getString("script_sha256"),
        rs.getString("script_header"),
        rs.getString("fix_sha256"),
        rs.getString("content_sha256"),
        TargetStatus.of(rs.getString("status")),
        rs.getObject("exit_code", Integer.class),
        rs.getString("output"),
        rs.getString("reason"),
        rs.getObject("after_scan_id", Long.class),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }
}
