package dev.vigil.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Counts;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Provisioning → Automation → Execute Schedules as a Security Operator (full) and as an Auditor
 * (read): the auditor sees schedules but no controls and a forged POST is refused; the operator
 * adds, is told what is wrong with a bad cron, and sees why a schedule in use is not deleted.
 */
@VigilSystemTestWithoutScheduler
class ExecuteSchedulePagesIntegrationTest {

  private static final String BASE = "/provisioning/automation/execute-schedules";
  private static boolean usersMade;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  long scheduleId;

  @BeforeEach
  void setUp() {
    ApiClient admin = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    if (!usersMade) {
      TestUsers.create(admin, "auditor1", "auditor-pw-1", "Auditor");
      TestUsers.create(admin, "operator1", "operator-pw-1", "Security Operator");
      usersMade = true;
    }
    jdbc.sql("delete from execute_schedules").update();
    TestScheduleUsage.USERS.clear();
    scheduleId =
        admin
            .post(
                "/api/execute-schedules",
                "{\"schedule\":{\"name\":\"visible-schedule\",\"cron\":\"0 2 * * *\","
                    + "\"scheduleTimezone\":\"Europe/Berlin\"}}")
            .json()
            .get("schedule")
            .get("id")
            .asLong();
  }

  @Test
  void auditorSeesSchedulesAndFireTimesButNoControls() throws Exception {
    String list = Pages.html(mvc, BASE, "auditor1");
    assertThat(list)
        .contains("visible-schedule", "Execute Schedules", "0 2 * * *")
        .doesNotContain("add-schedule");
    String detail = Pages.html(mvc, BASE + "/" + scheduleId, "auditor1");
    assertThat(detail)
        .contains("visible-schedule", "Europe/Berlin", "next-fires")
        .doesNotContain("edit-schedule")
        .doesNotContain("delete-schedule");
  }

  @Test
  void detailShowsTheNextFiveFireTimesInTheZoneAndInUtc() throws Exception {
    String detail = Pages.html(mvc, BASE + "/" + scheduleId, "operator1");
    String rows = detail.substring(detail.indexOf("id=\"next-fires\""));
    assertThat(rows.split("<time ", -1)).hasSize(6);
    assertThat(rows).containsPattern("02:00 CES?T").containsPattern("T0[01]:00:00Z");
  }

  @Test
  void auditorCannotPostTheFormsEvenWithAValidCsrfToken() throws Exception {
    mvc.perform(
            post(BASE)
                .with(user("auditor1"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("name", "forged")
                .param("cron", "0 1 * * *")
                .param("scheduleTimezone", "UTC"))
        .andExpect(status().isForbidden());
    mvc.perform(get(BASE + "/new").with(user("auditor1"))).andExpect(status().isForbidden());
    mvc.perform(get(BASE + "/" + scheduleId + "/edit").with(user("auditor1")))
        .andExpect(status().isForbidden());
    mvc.perform(
            post(BASE + "/" + scheduleId)
                .with(user("auditor1"))
                .with(csrf())
                .param("name", "renamed")
                .param("cron", "0 1 * * *")
                .param("scheduleTimezone", "UTC"))
        .andExpect(status().isForbidden());
    mvc.perform(post(BASE + "/" + scheduleId + "/delete").with(user("auditor1")).with(csrf()))
        .andExpect(status().isForbidden());
    assertThat(count("forged")).isZero();
    assertThat(count("renamed")).isZero();
    assertThat(count("visible-schedule")).isOne();
  }

  @Test
  void operatorSeesTheControlsAndAddsAScheduleThroughTheForm() throws Exception {
    assertThat(Pages.html(mvc, BASE, "operator1")).contains("add-schedule");
    assertThat(Pages.html(mvc, BASE + "/new", "operator1"))
        .contains("value=\"0 0 * * *\"", "value=\"UTC\"");
    assertThat(Pages.html(mvc, BASE + "/" + scheduleId, "operator1"))
        .contains("edit-schedule", "delete-schedule");
    mvc.perform(
            post(BASE)
                .with(user("operator1"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("name", "from-form")
                .param("description", "weekly")
                .param("cron", "30 3 * * 0")
                .param("scheduleTimezone", "America/New_York")
                .param("enabled", "true"))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrlPattern(BASE + "/*"));
    assertThat(
            jdbc.sql(
                    "select cron || '|' || schedule_timezone || '|' || created_by"
                        + " from execute_schedules where name = 'from-form'")
                .query(String.class)
                .single())
        .isEqualTo("30 3 * * 0|America/New_York|operator1");
  }

  @Test
  void badCronShowsTheFieldErrorKeepsWhatWasTypedAndSavesNothing() throws Exception {
    String html =
        mvc.perform(
                post(BASE)
                    .with(user("operator1"))
                    .with(csrf())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .param("name", "typed-name")
                    .param("description", "typed description")
                    .param("cron", "0 0 2 * * *")
                    .param("scheduleTimezone", "Mars/Olympus"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("id=\"cron-error\"")
        .contains("cron must have 5 fields: minute hour day-of-month month day-of-week")
        .contains("unknown time zone &#39;Mars/Olympus&#39;")
        .contains("Nothing was saved")
        .contains("value=\"typed-name\"", "value=\"0 0 2 * * *\"", "value=\"Mars/Olympus\"")
        .contains("typed description");
    assertThat(count("typed-name")).isZero();
  }

  @Test
  void operatorEditsASchedule() throws Exception {
    mvc.perform(
            post(BASE + "/" + scheduleId)
                .with(user("operator1"))
                .with(csrf())
                .param("name", "visible-schedule")
                .param("cron", "15 4 * * 1-5")
                .param("scheduleTimezone", "UTC"))
        .andExpect(redirectedUrl(BASE + "/" + scheduleId));
    assertThat(Pages.html(mvc, BASE + "/" + scheduleId, "operator1")).contains("15 4 * * 1-5");
  }

  @Test
  void deletingAScheduleInUseShowsWhyAndKeepsIt() throws Exception {
    TestScheduleUsage.USERS.put(scheduleId, List.of("job nightly-scan"));
    mvc.perform(post(BASE + "/" + scheduleId + "/delete").with(user("operator1")).with(csrf()))
        .andExpect(redirectedUrl(BASE + "/" + scheduleId))
        .andExpect(flash().attribute("problem", containsString("in use by job nightly-scan")));
    String detail =
        mvc.perform(
                get(BASE + "/" + scheduleId)
                    .with(user("operator1"))
                    .flashAttr("problem", "Execute schedule visible-schedule is in use by job x"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(detail).contains("schedule-problem", "is in use by job x");
    assertThat(count("visible-schedule")).isOne();
    TestScheduleUsage.USERS.clear();
    mvc.perform(post(BASE + "/" + scheduleId + "/delete").with(user("operator1")).with(csrf()))
        .andExpect(redirectedUrl(BASE));
    assertThat(count("visible-schedule")).isZero();
  }

  @Test
  void unknownScheduleShowsAReadableNotFoundPage() throws Exception {
    String html =
        mvc.perform(get(BASE + "/999999").with(user("auditor1")))
            .andExpect(status().isNotFound())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html).contains("Execute schedule not found");
  }

  private long count(String name) {
    return Counts.named(jdbc, "execute_schedules", name);
  }
}
