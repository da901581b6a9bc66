package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A handler that forgets its guard ({@link dev.vigil.testsupport.UnguardedHandler}) is refused even
 * for an Administrator, and logged.
 */
@VigilSystemTestWithoutScheduler
@ExtendWith(OutputCaptureExtension.class)
class UnguardedHandlerIntegrationTest {

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
            get("/forgotten-guard")
                .session(PageLogin.session(mvc, "admin", VigilSystemTest.ADMIN_PASSWORD)))
        .andExpect(status().isForbidden());
    assertThat(output.getOut())
        .contains("has neither @RequiresPermission nor @PublicEndpoint")
        .contains("Forgetful#forgotten");
  }
}
