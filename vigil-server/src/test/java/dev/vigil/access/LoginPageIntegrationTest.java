package dev.vigil.access;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.testsupport.VigilSystemTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

@VigilSystemTest
class LoginPageIntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired UserAdminService users;
  @Autowired UserRepository userRepository;

  private String userWithoutRoles() {
    String name = "login-no-roles";
    if (userRepository.findByUsername(name).isEmpty()) {
      users.create(new UserRequest(name, "No Roles", null, "no-roles-pass", true, List.of()));
    }
    return name;
  }

  @Test
  void loginPageRendersWithCsrfFieldAndSecurityHeaders() throws Exception {
    mvc.perform(get("/login"))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("name=\"_csrf\"")))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(header().string("X-Frame-Options", "DENY"))
        .andExpect(
            header().string("Content-Security-Policy", containsString("default-src 'self'")));
  }

  @Test
  void signsInWithTheFormAndOutAgain() throws Exception {
    MockHttpSession session =
        (MockHttpSession)
            mvc.perform(formLogin("/login").user("admin").password(VigilSystemTest.ADMIN_PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"))
                .andReturn()
                .getRequest()
                .getSession();
    mvc.perform(get("/admin/users").session(session))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<span class=\"username\">admin</span>")));
    mvc.perform(post("/logout").with(csrf()).session(session))
        .andExpect(redirectedUrl("/login?logout"));
    mvc.perform(get("/admin/users").session(session))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl("/login"));
  }

  @Test
  void badCredentialsShowAReadableError() throws Exception {
    mvc.perform(formLogin("/login").user("admin").password("wrong"))
        .andExpect(redirectedUrl("/login?error"));
    mvc.perform(get("/login").param("error", ""))
        .andExpect(content().string(containsString("Invalid username or password.")));
  }

  @Test
  void pagesNeedSignInAndShowA403PageWithoutPermission() throws Exception {
    mvc.perform(get("/admin/users"))
        .andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl("/login"));
    mvc.perform(
            get("/admin/users")
                .session(PageLogin.session(mvc, userWithoutRoles(), "no-roles-pass")))
        .andExpect(status().isForbidden());
  }

  @Test
  void homeRedirectsScanReadersAndWelcomesOthers() throws Exception {
    mvc.perform(get("/").session(PageLogin.session(mvc, "admin", VigilSystemTest.ADMIN_PASSWORD)))
        .andExpect(redirectedUrl("/provisioning/jobs/security-packages"));
    mvc.perform(get("/").session(PageLogin.session(mvc, userWithoutRoles(), "no-roles-pass")))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Welcome to Vigil")))
        .andExpect(content().string(containsString("No Roles")));
  }
}
