package dev.vigil.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;

/**
 * How many of each thing exist, read through the REST API as an administrator: the auditor's
 * journey takes one before and one after, and they must be equal.
 */
record Tally(
    long packages,
    String packageState,
    long jobs,
    long jobId,
    long executions,
    long schedules,
    long servers,
    long credentials,
    long scans) {

  static Tally of(ApiClient admin) {
    tools.jackson.databind.JsonNode jobs = admin.get("/api/jobs").json().get("jobs");
    long jobId = jobs.isEmpty() ? -1 : jobs.get(0).get("id").asLong();
    return new Tally(
        total(admin, "/api/security-packages"),
        packageState(admin.get("/api/security-packages").json().get("securityPackages")),
        total(admin, "/api/jobs"),
        jobId,
        total(admin, "/api/job-executions"),
        total(admin, "/api/execute-schedules"),
        total(admin, "/api/servers"),
        total(admin, "/api/credentials"),
        total(admin, "/api/security-scans"));
  }

  /** The first package as the API shows it: a forged edit or refresh would change it. */
  private static String packageState(tools.jackson.databind.JsonNode packages) {
    return packages.isEmpty() ? "none" : packages.get(0).toString();
  }

  private static long total(ApiClient admin, String path) {
    ApiClient.Response r = admin.get(path);
    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    return r.json().get("meta").get("total").asLong();
  }
}
