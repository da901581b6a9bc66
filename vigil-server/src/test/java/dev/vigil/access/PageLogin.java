package dev.vigil.access;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Signs a user in through the real login form and hands back the page session. */
final class PageLogin {

  private PageLogin() {}

  static MockHttpSession session(MockMvc mvc, String username, String password) throws Exception {
    MvcResult login =
        mvc.perform(formLogin("/login").user(username).password(password)).andReturn();
    if (!"/".equals(login.getResponse().getRedirectedUrl())) {
      throw new AssertionError(
          "login of " + username + " failed: " + login.getResponse().getRedirectedUrl());
    }
    return (MockHttpSession) login.getRequest().getSession(false);
  }
}
