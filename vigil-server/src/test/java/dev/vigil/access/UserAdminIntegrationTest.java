package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vigil.testsupport.VigilSystemTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

@VigilSystemTest
class UserAdminIntegrationTest {

  @Autowired MockMvc mvc;
  @Autowired TokenService tokens;
  @Autowired UserRepository userRepository;
  @Autowired JsonMapper json;

  private String adminToken;

  @BeforeEach
  void signIn() {
    long adminId = userRepository.findByUsername("admin").orElseThrow().id();
    adminToken = tokens.issue(adminId, "morph-api").accessToken();
  }

  @Test
  void createsListsUpdatesAndDeletesUsers() throws Exception {
    long id = createUser("carol", "carol-password", auditorRoleId());
    createUser("carol2", "carol-password", auditorRoleId());
    api(get("/api/users?name=carol"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.users.length()").value(1))
        .andExpect(jsonPath("$.users[0].id").value(id))
        .andExpect(jsonPath("$.meta.total").value(1));
    api(get("/api/users?phrase=carol&max=1"))
        .andExpect(jsonPath("$.users.length()").value(1))
        .andExpect(jsonPath("$.meta.total").value(2));
    api(put("/api/users/" + id)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"user\":{\"displayName\":\"Carol C\",\"enabled\":false}}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.user.displayName").value("Carol C"))
        .andExpect(jsonPath("$.user.enabled").value(false))
        .andExpect(jsonPath("$.user.roles[0].name").value("Auditor"));
    api(delete("/api/users/" + id)).andExpect(status().isOk());
    api(get("/api/users/" + id))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.success").value(false));
  }

  @Test
  void typedBodiesAcceptTheClientsOnOffAndNameTheFieldOfABadValueOrLength() throws Exception {
    api(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"user\":{\"username\":\"onoff\",\"password\":\"long-enough\","
                    + "\"enabled\":\"off\"}}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.user.enabled").value(false));
    api(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"user\":{\"username\":\"maybe\",\"enabled\":\"maybe\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.msg").value("enabled must be true or false"))
        .andExpect(jsonPath("$.errors.enabled").value("must be true or false"));
    api(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"user\":{\"username\":\"longname\",\"password\":\"long-enough\","
                    + "\"displayName\":\""
                    + "x".repeat(201)
                    + "\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.msg").value("displayName must be at most 200 characters"))
        .andExpect(jsonPath("$.errors.displayName").value("must be at most 200 characters"));
    api(post("/api/roles")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"role\":{\"name\":\"" + "r".repeat(101) + "\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.name").value("must be at most 100 characters"));
    assertThat(userRepository.findByUsername("longname")).isEmpty();
  }

  @Test
  void rejectsInvalidUserWithFieldErrors() throws Exception {
    api(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"user\":{\"username\":\"bad name\",\"password\":\"short\","
                    + "\"email\":\"nope\",\"roles\":[{\"id\":424242}]}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.success").value(false))
        .andExpect(jsonPath("$.msg").value("Unable to save user"))
        .andExpect(jsonPath("$.errors.username").exists())
        .andExpect(jsonPath("$.errors.password").exists())
        .andExpect(jsonPath("$.errors.email").exists())
        .andExpect(jsonPath("$.errors.roles").exists());
    api(post("/api/users")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"user\":{\"username\":\"admin\",\"password\":\"long-enough\"}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.username").value("must be unique"));
    assertThat(userRepository.findByUsername("bad name")).isEmpty();
  }

  @Test
  void neverReturnsPasswordsOrHashes() throws Exception {
    long id = createUser("dave", "dave-secret-1", auditorRoleId());
    String hash = userRepository.find(id).orElseThrow().passwordHash();
    for (String path : new String[] {"/api/users", "/api/users/" + id, "/api/whoami"}) {
      String body = api(get(path)).andReturn().getResponse().getContentAsString();
      assertThat(body)
          .doesNotContain(hash)
          .doesNotContain("dave-secret-1")
          .doesNotContainIgnoringCase("password");
    }
  }

  @Test
  void refusesToDeleteYourselfOrTheLastAdministrator() throws Exception {
    long adminId = userRepository.findByUsername("admin").orElseThrow().id();
    api(delete("/api/users/" + adminId))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.msg").value("You cannot delete yourself"));
    long roleId = createRole("user-managers", "{\"admin\":\"full\"}");
    long managerId = createUser("manager", "manager-password", roleId);
    String managerToken = tokens.issue(managerId, "morph-api").accessToken();
    mvc.perform(delete("/api/users/" + adminId).header("Authorization", "Bearer " + managerToken))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.msg").value("Cannot delete the last Administrator"));
    mvc.perform(
            put("/api/users/" + adminId)
                .header("Authorization", "Bearer " + managerToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"user\":{\"roles\":[]}}"))
        .andExpect(status().isBadRequest());
    assertThat(userRepository.countEnabledAdministrators()).isEqualTo(1);
  }

  @Test
  void managesRoles() throws Exception {
    long id = createRole("scan-readers", "{\"security-scanning\":\"read\"}");
    api(get("/api/roles?name=scan-readers"))
        .andExpect(jsonPath("$.roles.length()").value(1))
        .andExpect(jsonPath("$.roles[0].permissions.security-scanning").value("read"))
        .andExpect(jsonPath("$.roles[0].permissions.admin").value("none"));
    api(put("/api/roles/" + id)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"role\":{\"permissions\":{\"infrastructure\":\"full\"}}}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.role.permissions.infrastructure").value("full"))
        .andExpect(jsonPath("$.role.permissions.security-scanning").value("read"));
    api(post("/api/roles")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"role\":{\"name\":\"x\",\"permissions\":{\"admin\":\"root\"}}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors['permissions.admin']").exists());
    api(delete("/api/roles/" + id)).andExpect(status().isOk());
    api(get("/api/roles/" + id)).andExpect(status().isNotFound());
    api(delete("/api/roles/" + auditorRoleId())).andExpect(status().isBadRequest());
  }

  @Test
  void eachPermissionAcceptsItsOwnLevels() throws Exception {
    api(get("/api/roles?name=Administrator"))
        .andExpect(jsonPath("$.roles[0].permissions.security-waivers").value("approve"))
        .andExpect(jsonPath("$.roles[0].permissions.security-remediation").value("approve"))
        .andExpect(jsonPath("$.roles[0].permissions.security-scanning").value("full"));
    api(get("/api/roles").param("name", "Security Operator"))
        .andExpect(jsonPath("$.roles[0].permissions.security-waivers").value("request"))
        .andExpect(jsonPath("$.roles[0].permissions.security-remediation").value("run"));
    api(get("/api/roles?name=Auditor"))
        .andExpect(jsonPath("$.roles[0].permissions.security-waivers").value("read"))
        .andExpect(jsonPath("$.roles[0].permissions.security-remediation").value("read"));
    long id =
        createRole(
            "waiver-requesters",
            "{\"security-waivers\":\"request\",\"security-remediation\":\"run\"}");
    api(get("/api/roles/" + id))
        .andExpect(jsonPath("$.role.permissions.security-waivers").value("request"))
        .andExpect(jsonPath("$.role.permissions.security-remediation").value("run"))
        .andExpect(jsonPath("$.role.permissions.admin").value("none"));
    api(put("/api/roles/" + id)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"role\":{\"permissions\":{\"security-waivers\":\"full\"}}}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors['permissions.security-waivers']")
                .value(
                    "'full' is not a level of security-waivers: must be none, read, request or"
                        + " approve"));
    api(put("/api/roles/" + id)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"role\":{\"permissions\":{\"security-scanning\":\"approve\"}}}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors['permissions.security-scanning']")
                .value(
                    "'approve' is not a level of security-scanning: must be none, read or full"));
    api(put("/api/roles/" + id)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"role\":{\"permissions\":{\"security-remediation\":\"request\"}}}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors['permissions.security-remediation']").exists());
    api(get("/api/roles/" + id))
        .andExpect(jsonPath("$.role.permissions.security-waivers").value("request"));
    mvc.perform(get("/admin/roles/" + id).session(adminSession()))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Security: Waivers")))
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.matchesRegex(
                        "(?s).*value=\"request\"\\s+selected=\"selected\">Request</option>.*")))
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.matchesRegex(
                        "(?s).*value=\"run\"\\s+selected=\"selected\">Run</option>.*")));
    mvc.perform(
            post("/admin/roles/" + id)
                .session(adminSession())
                .with(csrf())
                .param("name", "waiver-requesters")
                .param("perm-security-waivers", "full"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .string(
                    org.hamcrest.Matchers.containsString(
                        "&#39;full&#39; is not a level of security-waivers")));
  }

  @Test
  void userPageKeepsTypedValuesAndShowsFieldErrors() throws Exception {
    mvc.perform(
            post("/admin/users")
                .session(adminSession())
                .with(csrf())
                .param("username", "typed name!")
                .param("displayName", "Typed Display")
                .param("email", "not-an-email")
                .param("password", "x"))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"typed name!\"")))
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("value=\"Typed Display\"")))
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("is not a valid email address")))
        .andExpect(
            content()
                .string(org.hamcrest.Matchers.containsString("must be at least 8 characters")));
  }

  @Test
  void pagePostWithoutCsrfTokenIsRefused() throws Exception {
    mvc.perform(
            post("/admin/users")
                .session(adminSession())
                .param("username", "no-csrf")
                .param("password", "long-enough"))
        .andExpect(status().isForbidden());
    assertThat(userRepository.findByUsername("no-csrf")).isEmpty();
  }

  @Test
  void userAndRolePagesRender() throws Exception {
    mvc.perform(get("/admin/users").param("phrase", "adm").session(adminSession()))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString(">admin</a>")));
    mvc.perform(get("/admin/roles/" + auditorRoleId()).session(adminSession()))
        .andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Security: Scanning")));
  }

  private long createUser(String username, String password, long roleId) throws Exception {
    String body =
        "{\"user\":{\"username\":\""
            + username
            + "\",\"displayName\":\""
            + username
            + "\",\"email\":\""
            + username
            + "@example.invalid\",\"password\":\""
            + password
            + "\",\"roles\":[{\"id\":"
            + roleId
            + "}]}}";
    return idOf(
        api(post("/api/users").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isOk()),
        "user");
  }

  private long createRole(String name, String permissions) throws Exception {
    String body = "{\"role\":{\"name\":\"" + name + "\",\"permissions\":" + permissions + "}}";
    return idOf(
        api(post("/api/roles").contentType(MediaType.APPLICATION_JSON).content(body))
            .andExpect(status().isOk()),
        "role");
  }

  private long auditorRoleId() throws Exception {
    String body =
        api(get("/api/roles?name=Auditor")).andReturn().getResponse().getContentAsString();
    Map<?, ?> role =
        (Map<?, ?>) ((java.util.List<?>) json.readValue(body, Map.class).get("roles")).get(0);
    return ((Number) role.get("id")).longValue();
  }

  @SuppressWarnings("unchecked")
  private long idOf(ResultActions result, String key) throws Exception {
    Map<String, Object> body =
        json.readValue(result.andReturn().getResponse().getContentAsString(), Map.class);
    return ((Number) ((Map<String, Object>) body.get(key)).get("id")).longValue();
  }

  private org.springframework.mock.web.MockHttpSession adminSession() throws Exception {
    return PageLogin.session(mvc, "admin", VigilSystemTest.ADMIN_PASSWORD);
  }

  private ResultActions api(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header("Authorization", "Bearer " + adminToken));
  }
}
