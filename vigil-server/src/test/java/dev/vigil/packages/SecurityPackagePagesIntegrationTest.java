package dev.vigil.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.Counts;
import dev.vigil.testsupport.Pages;
import dev.vigil.testsupport.TestUsers;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Provisioning → Jobs → Security Packages as a Security Operator (full) and as an Auditor (read):
 * the auditor sees packages but no controls, and a forged form POST is refused.
 */
@VigilSystemTestWithoutScheduler
class SecurityPackagePagesIntegrationTest {

  private static final String BASE = "/provisioning/jobs/security-packages";
  private static boolean usersMade;

  @LocalServerPort int port;
  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  long packageId;

  @BeforeEach
  void setUp() {
    ApiClient admin = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    if (!usersMade) {
      TestUsers.create(admin, "auditor1", "auditor-pw-1", "Auditor");
      TestUsers.create(admin, "operator1", "operator-pw-1", "Security Operator");
      usersMade = true;
    }
    jdbc.sql("delete from security_packages").update();
    packageId =
        admin
            .post(
                "/api/security-packages",
                "{\"securityPackage\":{\"name\":\"visible-pkg\",\"url\":\"https://e.invalid/p.zip\"}}")
            .json()
            .get("securityPackage")
            .get("id")
            .asLong();
  }

  @Test
  void auditorSeesPackagesButNoAddEditRefreshOrDeleteControls() throws Exception {
    String list = Pages.html(mvc, BASE, "auditor1");
    assertThat(list).contains("visible-pkg").doesNotContain("add-scap-package");
    String detail = Pages.html(mvc, BASE + "/" + packageId, "auditor1");
    assertThat(detail)
        .contains("visible-pkg")
        .doesNotContain("edit-package")
        .doesNotContain("refresh-package")
        .doesNotContain("delete-package");
  }

  @Test
  void auditorCannotPostTheAddFormEvenWithAValidCsrfToken() throws Exception {
    mvc.perform(
            post(BASE)
                .with(user("auditor1"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("name", "forged")
                .param("url", "https://e.invalid/f.zip"))
        .andExpect(status().isForbidden());
    mvc.perform(get(BASE + "/new").with(user("auditor1"))).andExpect(status().isForbidden());
    mvc.perform(post(BASE + "/" + packageId + "/delete").with(user("auditor1")).with(csrf()))
        .andExpect(status().isForbidden());
    assertThat(count("forged")).isZero();
    assertThat(count("visible-pkg")).isOne();
  }

  @Test
  void operatorSeesTheControlsAndAddsAPackageThroughTheForm() throws Exception {
    assertThat(Pages.html(mvc, BASE, "operator1")).contains("add-scap-package");
    assertThat(Pages.html(mvc, BASE + "/" + packageId, "operator1"))
        .contains("edit-package", "refresh-package");
    mvc.perform(
            post(BASE)
                .with(user("operator1"))
                .with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("name", "from-form")
                .param("url", "https://e.invalid/ssg.zip")
                .param("labels", "os:rhel, tier:web")
                .param("enabled", "true")
                .param("acceptInvalid", "true"))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrlPattern(BASE + "/*"));
    assertThat(count("from-form")).isOne();
    assertThat(
            jdbc.sql("select accept_invalid from security_packages where name = 'from-form'")
                .query(Boolean.class)
                .single())
        .isTrue();
    assertThat(
            jdbc.sql("select created_by from security_packages where name = 'from-form'")
                .query(String.class)
                .single())
        .isEqualTo("operator1");
  }

  @Test
  void formWithBadInputShowsFieldErrorsNextToFieldsAndKeepsWhatWasTyped() throws Exception {
    String html =
        mvc.perform(
                post(BASE)
                    .with(user("operator1"))
                    .with(csrf())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .param("name", "visible-pkg")
                    .param("url", "ftp://typed.example/x.zip")
                    .param("description", "typed description")
                    .param("acceptInvalid", "true"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html)
        .contains("Name must be unique")
        .contains("URL must be an http, https or file URL")
        .contains("value=\"ftp://typed.example/x.zip\"")
        .contains("typed description")
        .containsPattern("id=\"acceptInvalid\"[^>]*checked");
    assertThat(count("visible-pkg")).isOne();
  }

  @Test
  void unknownPackageShowsAReadableNotFoundPage() throws Exception {
    String html =
        mvc.perform(get(BASE + "/999999").with(user("auditor1")))
            .andExpect(status().isNotFound())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(html).contains("Security package not found");
  }

  private long count(String name) {
    return Counts.named(jdbc, "security_packages", name);
  }
}
