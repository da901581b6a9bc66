package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import dev.vigil.testsupport.VigilSystemTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every handler method the application registers: each must declare a guard, and each is
 * called as anonymous and as users just below, at and above the level it requires.
 */
@VigilSystemTest
class PermissionWalkIntegrationTest {

  /** Handlers of Spring itself (and springdoc, if ever added), guarded by the filter chain only. */
  private static final Set<String> EXCLUDED_TYPES =
      Set.of("org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController");

  private static final Set<String> EXCLUDED_PACKAGES = Set.of("org.springdoc.");

  @Autowired MockMvc mvc;
  @Autowired UserAdminService users;
  @Autowired RoleAdminService roles;
  @Autowired TokenService tokens;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  private static WalkUsers walkUsers;
  private static final Map<String, MockHttpSession> SESSIONS = new java.util.HashMap<>();

  @Test
  void everyHandlerDeclaresAGuard() {
    List<String> unguarded = new ArrayList<>();
    handlers()
        .forEach(
            (info, method) -> {
              Guard guard = Guard.of(method);
              if (guard == null) {
                unguarded.add(method.toString() + " " + info);
              } else if (!guard.isPublic()
                  && !guard.permission().value().accepts(guard.permission().level())) {
                unguarded.add(method + " requires a level its permission does not have");
              }
            });
    assertThat(unguarded)
        .as("handlers without @RequiresPermission or @PublicEndpoint, or with a wrong level")
        .isEmpty();
  }

  @Test
  void everyHandlerEnforcesItsGuard() throws Exception {
    assertThat(handlers()).as("handlers found").hasSizeGreaterThan(10);
    List<String> failures = new ArrayList<>();
    for (var e : handlers().entrySet()) {
      Guard guard = Guard.of(e.getValue());
      if (guard == null) {
        continue;
      }
      for (Call call : calls(e.getKey())) {
        failures.addAll(check(guard, call));
      }
    }
    assertThat(failures).as("permission walk failures").isEmpty();
  }

  private List<String> check(Guard guard, Call call) throws Exception {
    List<String> failures = new ArrayList<>();
    expect(failures, call, null, !guard.needsSignIn());
    if (guard.isPublic()) {
      expect(failures, call, WalkUsers.NONE, true);
      return failures;
    }
    Permission p = guard.permission().value();
    Level needed = guard.permission().level();
    expect(failures, call, WalkUsers.NONE, false);
    expect(failures, call, WalkUsers.othersName(p), false);
    for (Level l : p.levels().subList(1, p.levels().size())) {
      expect(failures, call, WalkUsers.name(p, l), l.allows(needed));
    }
    return failures;
  }

  private void expect(List<String> failures, Call call, String username, boolean allowed)
      throws Exception {
    Outcome outcome = perform(call, username);
    if (outcome.refused() == allowed) {
      failures.add(
          call
              + " as "
              + (username == null ? "anonymous" : username)
              + ": status "
              + outcome.status()
              + " "
              + outcome.location()
              + ", expected "
              + (allowed ? "allowed" : "refused"));
    }
  }

  private Outcome perform(Call call, String username) throws Exception {
    MockHttpServletRequestBuilder req = request(call.method(), call.path());
    boolean api = call.path().startsWith("/api/") || call.path().startsWith("/oauth/");
    boolean write = call.method() != HttpMethod.GET && call.method() != HttpMethod.HEAD;
    if (api && username != null) {
      req.header("Authorization", "Bearer " + users().token(username));
    } else if (username != null) {
      req.session(session(username));
    }
    if (api && write) {
      req.contentType(MediaType.APPLICATION_JSON).content("{}");
    } else if (write) {
      req.with(csrf());
    }
    try {
      MockHttpServletResponse response = mvc.perform(req).andReturn().getResponse();
      String location = response.getRedirectedUrl();
      return new Outcome(response.getStatus(), location);
    } catch (Exception handlerFailed) {
      return new Outcome(500, null);
    }
  }

  /** A signed-in page session of the user, made once through the real login form. */
  private MockHttpSession session(String username) throws Exception {
    users();
    MockHttpSession session = SESSIONS.get(username);
    if (session == null) {
      session = PageLogin.session(mvc, username, WalkUsers.PASSWORD);
      SESSIONS.put(username, session);
    }
    return session;
  }

  private WalkUsers users() {
    if (walkUsers == null) {
      walkUsers = new WalkUsers(users, roles, tokens);
    }
    return walkUsers;
  }

  private Map<RequestMappingInfo, HandlerMethod> handlers() {
    Map<RequestMappingInfo, HandlerMethod> all = new java.util.LinkedHashMap<>();
    mapping
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              String type = method.getBeanType().getName();
              boolean excluded =
                  EXCLUDED_TYPES.contains(type)
                      || EXCLUDED_PACKAGES.stream().anyMatch(type::startsWith);
              if (!excluded) {
                all.put(info, method);
              }
            });
    return all;
  }

  private static List<Call> calls(RequestMappingInfo info) {
    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
    List<Call> calls = new ArrayList<>();
    for (String pattern : info.getPatternValues()) {
      String path = pattern.replaceAll("\\{[^}]*\\}", "999999").replace("**", "x");
      if (methods.isEmpty()) {
        calls.add(new Call(HttpMethod.GET, path));
      }
      for (RequestMethod m : methods) {
        calls.add(new Call(HttpMethod.valueOf(m.name()), path));
      }
    }
    return calls;
  }

  private record Outcome(int status, String location) {
    boolean refused() {
      boolean toLogin = location != null && location.contains("/login");
      return status == 401 || status == 403 || (status / 100 == 3 && toLogin);
    }
  }

  private record Call(HttpMethod method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }
}
