package dev.vigil.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Signs a user in through the real login form (password checked) and hands back the session. */
public final class PageSessions {

  private PageSessions() {}

  /** The page session of {@code username} after a successful form login; fails otherwise. */
  public static MockHttpSession login(MockMvc mvc, String username, String password)
      throws Exception {
    MvcResult login =
        mvc.perform(formLogin("/login").user(username).password(password)).andReturn();
    if (!"/".equals(login.getResponse().getRedirectedUrl())) {
      throw new AssertionError(
          "login of " + username + " failed: " + login.getResponse().getRedirectedUrl());
    }
    return (MockHttpSession) login.getRequest().getSession(false);
  }
}
