package dev.vigil.executions;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Plans for executions a test writes straight to the repository, as an execute would pin them. */
final class TestPlans {

  private TestPlans() {}

  /**
   * The package's current version with {@code checklist} and {@code profile}, 5 min, no retries.
   */
  static ExecutionPlan current(
      JdbcClient jdbc, long pkg, String checklist, String profile, int maxParallel) {
    return jdbc.sql(
            "select p.id, p.name, v.id vid, v.version_no from security_packages p"
                + " join security_package_versions v on v.id = p.current_version_id where p.id = ?")
        .param(pkg)
        .query(
            (rs, i) ->
                new ExecutionPlan(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getLong("vid"),
                    rs.getInt("version_no"),
                    checklist,
                    profile,
                    5,
                    maxParallel,
                    0))
        .single();
  }
}
