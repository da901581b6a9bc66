package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A handler that forgets its guard is refused even for an Administrator, and logged. */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(UnguardedHandlerIntegrationTest.Forgetful.class)
@ExtendWith(OutputCaptureExtension.class)
class UnguardedHandlerIntegrationTest {

  @RestController
  static class Forgetful {
    @GetMapping({"/api/forgotten-guard", "/forgotten-guard"})
    String forgotten() {
      return "should never be seen";
    }
  }

  @Autowired MockMvc mvc;
  @Autowired TokenService tokens;
  @Autowired UserRepository users;

  @Test
  void refusesHandlerWithoutGuardAndLogsIt(CapturedOutput output) throws Exception {
    long adminId = users.findByUsername("admin").orElseThrow().id();
    String token = tokens.issue(adminId, "morph-cli").accessToken();
    mvc.perform(get("/api/forgotten-guard").header("Authorization", "Bearer " + token))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(
            jsonPath("$.msg").value("You do not have permissions to access this api endpoint"));
    mvc.perform(
            get("/forgotten-guard").session(PageLogin.session(mvc, "admin", "admin-test-password")))
        .andExpect(status().isForbidden());
    assertThat(output.getOut())
        .contains("has neither @RequiresPermission nor @PublicEndpoint")
        .contains("Forgetful#forgotten");
  }
}
