package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Provisioning → Jobs → Jobs as a Security Operator (full) and an Auditor (read): the operator
 * walks the three-step wizard to a saved job, sees field errors on the step they belong to with the
 * typed values kept, edits, disables and deletes; the auditor sees jobs but no controls, and forged
 * posts are refused.
 */
@VigilSystemTest
class JobPagesIntegrationTest {

  private static final String BASE = "/provisioning/jobs";
  private static boolean usersMade;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  ApiClient admin;
  JobFixture fx;

  @BeforeEach
  void setUp() {
    admin = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    if (!usersMade) {
      TestUsers.create(admin, "job-auditor1", "auditor-pw-1", "Auditor");
      TestUsers.create(admin, "job-operator1", "operator-pw-1", "Security Operator");
      usersMade = true;
    }
    fx = JobFixture.of(admin, port);
    jdbc.sql("delete from jobs").update();
  }

  @Test
  void operatorWalksTheWizardToASavedJob() throws Exception {
    assertThat(page(get(BASE + "/new"), "job-operator1"))
        .contains("Security Scan Job", "id=\"next\"");
    String details =
        page(
            post(BASE + "/new/details").param("type", "securityScan").param("name", "wizard-job"),
            "job-operator1");
    assertThat(details).contains("step-details", "Scan Checklist", fx.packageName);
    String chosen =
        page(
            get(BASE + "/new/details")
                .param("type", "securityScan")
                .param("name", "wizard-job")
                .param("securityPackage", String.valueOf(fx.packageId))
                .param("targetType", "server")
                .param("refresh", "1"),
            "job-operator1");
    assertThat(chosen)
        .contains("value=\"" + fx.scanPath + "\"", JobFixture.STIG, "p" + port + "-web01");
    String review = page(details(post(BASE + "/new/review")), "job-operator1");
    assertThat(review).contains("step-review", "COMPLETE", "p" + port + "-web02", fx.packageName);
    assertThat(review).contains("keep 90 days, delete after 365 days");
    mvc.perform(details(post(BASE)).with(user("job-operator1")).with(csrf()))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrlPattern(BASE + "/*"));
    assertThat(
            jdbc.sql("select created_by_username from jobs where name = 'wizard-job'")
                .query(String.class)
                .single())
        .isEqualTo("job-operator1");
  }

  @Test
  void badStepInputShowsFieldErrorsOnItsStepAndKeepsWhatWasTyped() throws Exception {
    String stepOne =
        page(
            post(BASE + "/new/details").param("type", "securityScan").param("name", ""),
            "job-operator1");
    assertThat(stepOne).contains("step-type", "Name: is required");
    String stepTwo =
        page(
            details(
                post(BASE + "/new/review"),
                "securityProfile=xccdf_nope",
                "maxParallel=999",
                "labels=typed-label",
                "targets=424242",
                "keepMinDays=0",
                "deleteAfterDays=soon"),
            "job-operator1");
    assertThat(stepTwo)
        .contains("step-details", "Security Profile: no profile xccdf_nope")
        .contains("Targets: 1 unknown server id: 424242")
        .contains("Max parallel targets: must be a whole number from 1 to 500")
        .contains("value=\"typed-label\"")
        .contains("Keep scans at least: must be a whole number from 1 to 3650")
        .contains("Delete scans after: must be a whole number of days from 1 to 36500, or never")
        .contains("value=\"soon\"");
    assertThat(jdbc.sql("select count(*) from jobs").query(Long.class).single()).isZero();
  }

  @Test
  void auditorSeesJobsButNoControlsAndOperatorSeesThem() throws Exception {
    long id = apiJob("visible-job");
    assertThat(page(get(BASE), "job-auditor1")).contains("visible-job").doesNotContain("add-job");
    assertThat(page(get(BASE + "/" + id), "job-auditor1"))
        .contains("visible-job", fx.packageName)
        .doesNotContain("edit-job", "delete-job", "disable-job", "execute-job");
    assertThat(page(get(BASE), "job-operator1")).contains("add-job");
    assertThat(page(get(BASE + "/" + id), "job-operator1"))
        .contains("edit-job", "delete-job", "disable-job", "execute-job")
        .contains("/provisioning/jobs/" + id + "/execute");
  }

  @Test
  void auditorForgedPostsAreRefused() throws Exception {
    long id = apiJob("guarded-job");
    mvc.perform(details(post(BASE)).with(user("job-auditor1")).with(csrf()))
        .andExpect(status().isForbidden());
    mvc.perform(get(BASE + "/new").with(user("job-auditor1"))).andExpect(status().isForbidden());
    for (String action : new String[] {"", "/delete", "/disable", "/enable"}) {
      mvc.perform(
              post(BASE + "/" + id + action)
                  .with(user("job-auditor1"))
                  .with(csrf())
                  .param("name", "x"))
          .andExpect(status().isForbidden());
    }
    assertThat(jdbc.sql("select name from jobs").query(String.class).list())
        .containsExactly("guarded-job");
  }

  @Test
  void operatorEditsDisablesAndDeletes() throws Exception {
    long id = apiJob("editable");
    assertThat(page(get(BASE + "/" + id + "/edit"), "job-operator1"))
        .contains("value=\"editable\"", JobFixture.STIG);
    mvc.perform(
            details(post(BASE + "/" + id), "name=edited", "keepMinDays=30", "deleteAfterDays=")
                .with(user("job-operator1"))
                .with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(page(get(BASE + "/" + id), "job-operator1"))
        .contains("Retention", "keep 30 days, never delete");
    assertThat(page(get(BASE + "/" + id + "/edit"), "job-operator1"))
        .contains("value=\"never\"", "value=\"30\"");
    mvc.perform(post(BASE + "/" + id + "/disable").with(user("job-operator1")).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(jdbc.sql("select name || ':' || enabled from jobs").query(String.class).single())
        .isEqualToIgnoringCase("edited:false");
    mvc.perform(post(BASE + "/" + id + "/delete").with(user("job-operator1")).with(csrf()))
        .andExpect(status().is3xxRedirection());
    assertThat(jdbc.sql("select count(*) from jobs").query(Long.class).single()).isZero();
  }

  /**
   * Every field of a valid job over both servers, as the wizard's forms send them; {@code
   * overrides} are "field=value" pairs that replace the defaults.
   */
  private MockHttpServletRequestBuilder details(
      MockHttpServletRequestBuilder r, String... overrides) {
    java.util.Map<String, String[]> fields = new java.util.LinkedHashMap<>();
    fields.put("type", new String[] {"securityScan"});
    fields.put("name", new String[] {"wizard-job"});
    fields.put("securityPackage", new String[] {String.valueOf(fx.packageId)});
    fields.put("scanPath", new String[] {fx.scanPath});
    fields.put("securityProfile", new String[] {JobFixture.STIG});
    fields.put("scheduleMode", new String[] {"manual"});
    fields.put("dateTime", new String[] {""});
    fields.put("targetType", new String[] {"server"});
    fields.put("targets", new String[] {String.valueOf(fx.server1), String.valueOf(fx.server2)});
    fields.put("timeoutMinutes", new String[] {"30"});
    fields.put("maxParallel", new String[] {"10"});
    fields.put("retriesOnTimeout", new String[] {"0"});
    fields.put("enabled", new String[] {"true"});
    for (String o : overrides) {
      String[] kv = o.split("=", 2);
      fields.put(kv[0], new String[] {kv[1]});
    }
    fields.forEach(r::param);
    return r;
  }

  private long apiJob(String name) {
    return admin.post("/api/jobs", fx.cliBody(name)).json().get("job").get("id").asLong();
  }

  /**
   * Without JavaScript the edit page's "Update choices" button posts the form back to the edit
   * page, which shows the checklists and profiles of the package now chosen and the values typed,
   * and saves nothing.
   */
  @Test
  void editPageUpdatesItsChoicesWithoutJavaScript() throws Exception {
    long id = apiJob("edit-choices");
    String edit = page(get(BASE + "/" + id + "/edit"), "job-operator1");
    assertThat(edit)
        .contains("id=\"refresh-choices\"", "data-no-js-only")
        .contains("formaction=\"/provisioning/jobs/" + id + "/edit\"")
        .contains("value=\"" + JobFixture.STIG + "\"");
    String noPackage =
        page(
            details(
                post(BASE + "/" + id + "/edit"),
                "name=edit-choices-typed",
                "securityPackage=",
                "scanPath=",
                "securityProfile="),
            "job-operator1");
    assertThat(noPackage)
        .contains("value=\"edit-choices-typed\"")
        .doesNotContain("value=\"" + JobFixture.STIG + "\"")
        .doesNotContain("value=\"" + fx.scanPath + "\"");
    String chosen =
        page(
            details(
                post(BASE + "/" + id + "/edit"),
                "name=edit-choices-typed",
                "scanPath=",
                "securityProfile="),
            "job-operator1");
    assertThat(chosen)
        .contains("value=\"" + fx.scanPath + "\"", "value=\"" + JobFixture.STIG + "\"")
        .contains("id=\"refresh-choices\"");
    assertThat(
            jdbc.sql("select name from jobs where id = ?").param(id).query(String.class).single())
        .as("Update choices saves nothing")
        .isEqualTo("edit-choices");
  }

  @Test
  void aLabelTargetJobShowsItsLabelInTheListAndOnItsPage() throws Exception {
    String body =
        fx.cliBody("by-label")
            .replaceFirst(
                "\"targetType\":\"server\",\"targets\":\\[[^\\]]*\\]",
                "\"targetType\":\"server-label\",\"serverLabel\":\"env:web\"");
    long id = admin.post("/api/jobs", body).json().get("job").get("id").asLong();
    assertThat(page(get(BASE), "job-auditor1")).contains("Server label env:web");
    assertThat(page(get(BASE + "/" + id), "job-auditor1"))
        .contains("Server label env:web: resolved when a run starts");
  }

  private String page(MockHttpServletRequestBuilder request, String username) throws Exception {
    return mvc.perform(request.with(user(username)).with(csrf()))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }
}
