package dev.vigil.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.test.web.servlet.MockMvc;

/** Reads server-rendered pages through MockMvc as a signed-in user, for page tests. */
public final class Pages {

  private Pages() {}

  /** GETs {@code path} as {@code username}, expects 200 and returns the HTML. */
  public static String html(MockMvc mvc, String path, String username) throws Exception {
    return mvc.perform(get(path).with(user(username)))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }
}
