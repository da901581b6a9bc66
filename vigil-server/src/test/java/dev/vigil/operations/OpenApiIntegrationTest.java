package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.vigil.testsupport.PageSessions;
import dev.vigil.testsupport.VigilSystemTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document at {@code /v3/api-docs}: readable with a bearer token and by a signed-in
 * user (anonymous callers are sent to the login page), it lists the REST API and nothing of the
 * pages, and it is checked against the controllers: every {@code /api} mapping is in it, and every
 * JSON answer and request body is a named schema with its properties, down to the records it nests
 * (no bare {@code object}).
 */
@VigilSystemTest
class OpenApiIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Answers that are not JSON records, with the reason: downloads of files as oscap wrote them. */
  private static final Set<String> NOT_JSON =
      Set.of(
          "GET /api/security-scans/{id}/arf", // the ARF XML, byte for byte
          "GET /api/security-scans/{id}/report.html", // oscap's HTML report
          "GET /api/security-scans/{id}/rules.csv", // the rule results as CSV
          "GET /api/security-compliance/rules.csv", // the fleet's rule view as CSV
          "GET /api/security-scans/{id}/remediation", // a Bash or Ansible fix script
          "GET /api/job-executions/{id}/remediation", // a Bash or Ansible fix script
          "GET /api/security-tailorings/{id}/file", // the tailoring file as uploaded
          "POST /api/security-tailorings"); // a multipart upload of a tailoring file

  /** JSON answers still built by hand; none today. Only these may fail the named-schema check. */
  private static final Set<String> NOT_YET_TYPED = Set.of();

  /**
   * Simple names two records may share without harm; none today: springdoc keeps one schema per
   * name, so a clash silently drops one of them from the document.
   */
  private static final Set<String> KNOWN_CLASHES = Set.of();

  /**
   * Properties that are free-form objects by design (they carry what a user or a package wrote,
   * with keys not known in advance).
   */
  private static final Set<String> FREE_FORM = Set.of();

  @Autowired MockMvc mvc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void aSignedInUserReadsTheOpenApiDocumentAndItsSwaggerUi() throws Exception {
    MockHttpSession session = PageSessions.login(mvc, "admin", VigilSystemTest.ADMIN_PASSWORD);
    MockHttpServletResponse doc =
        mvc.perform(get("/v3/api-docs").session(session)).andReturn().getResponse();
    assertThat(doc.getStatus()).isEqualTo(200);
    JsonNode api = JSON.readTree(doc.getContentAsString());
    assertThat(api.get("openapi").asString()).startsWith("3.");
    assertThat(api.get("info").get("title").asString()).isEqualTo("Vigil REST API");
    JsonNode paths = api.get("paths");
    assertThat(paths.has("/api/security-packages")).isTrue();
    assertThat(paths.has("/api/jobs/{id}/execute")).isTrue();
    assertThat(paths.has("/api/job-executions")).isTrue();
    assertThat(paths.has("/api/execute-schedules")).isTrue();
    assertThat(paths.has("/api/security-scans/{id}")).isTrue();
    assertThat(paths.has("/api/servers")).isTrue();
    assertThat(paths.has("/api/security-waivers")).isTrue();
    assertThat(paths.has("/api/security-waivers/{id}")).isTrue();
    assertThat(paths.get("/api/security-waivers/{id}/approve").has("put")).isTrue();
    assertThat(paths.get("/api/security-waivers/{id}/reject").has("put")).isTrue();
    assertThat(paths.get("/api/security-waivers/{id}/revoke").has("put")).isTrue();
    assertThat(api.get("components").get("schemas").has("SecurityWaiver")).isTrue();
    paths
        .propertyNames()
        .forEach(
            p -> assertThat(p).as("only the REST API is documented").matches("^/(api|oauth)/.*"));

    MockHttpServletResponse ui =
        mvc.perform(get("/swagger-ui/index.html").session(session)).andReturn().getResponse();
    assertThat(ui.getStatus()).isEqualTo(200);
    assertThat(ui.getContentAsString()).contains("swagger-ui");
  }

  @Test
  void aBearerTokenClientReadsTheOpenApiDocumentWithoutASession() throws Exception {
    MockHttpServletResponse doc =
        mvc.perform(get("/v3/api-docs").header("Authorization", "Bearer " + token()))
            .andReturn()
            .getResponse();
    assertThat(doc.getStatus()).isEqualTo(200);
    assertThat(doc.getContentType()).startsWith("application/json");
    assertThat(JSON.readTree(doc.getContentAsString()).get("paths").has("/api/whoami")).isTrue();
    assertThat(doc.getHeader("Set-Cookie")).as("no session is made for a token").isNull();
  }

  @Test
  void aBadTokenIsA401AndAnonymousCallersAreSentToTheLoginPage() throws Exception {
    MockHttpServletResponse bad =
        mvc.perform(get("/v3/api-docs").header("Authorization", "Bearer not-a-token"))
            .andReturn()
            .getResponse();
    assertThat(bad.getStatus()).isEqualTo(401);
    assertThat(bad.getContentAsString()).contains("invalid_token");

    MockHttpServletResponse doc = mvc.perform(get("/v3/api-docs")).andReturn().getResponse();
    assertThat(doc.getStatus()).isEqualTo(302);
    assertThat(doc.getRedirectedUrl()).endsWith("/login");
  }

  @Test
  void everyApiMappingIsDocumentedWithNamedSchemasThatHaveProperties() throws Exception {
    JsonNode api =
        JSON.readTree(
            mvc.perform(get("/v3/api-docs").header("Authorization", "Bearer " + token()))
                .andReturn()
                .getResponse()
                .getContentAsString());
    java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi.json"), api.toString());
    JsonNode paths = api.get("paths");
    JsonNode schemas = api.path("components").path("schemas");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = e.getKey();
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String path : info.getPatternValues()) {
        if (!path.startsWith("/api/")) {
          continue;
        }
        for (RequestMethod method : methods) {
          String where = method + " " + path + " (" + e.getValue().getShortLogMessage() + ")";
          JsonNode op = paths.path(path).path(method.name().toLowerCase());
          if (op.isMissingNode()) {
            problems.add(where + ": not in the document");
            continue;
          }
          checked++;
          if (NOT_JSON.contains(method + " " + path)
              || NOT_YET_TYPED.contains(method + " " + path)) {
            continue;
          }
          JsonNode ok = op.path("responses").path("200").path("content");
          JsonNode schema = firstContentSchema(ok);
          checkNamed(where + " answer", schema, schemas, problems, new HashSet<>());
          JsonNode body = firstContentSchema(op.path("requestBody").path("content"));
          if (!body.isMissingNode()) {
            checkNamed(where + " request body", body, schemas, problems, new HashSet<>());
          }
        }
      }
    }
    assertThat(checked).as("/api mappings checked").isGreaterThanOrEqualTo(80);
    assertThat(problems).isEmpty();
  }

  /** Every /api operation documents its 400, 403 and 404 answers as the Morpheus error body. */
  @Test
  void everyApiOperationAnswersErrorsInTheMorpheusShape() throws Exception {
    JsonNode api =
        JSON.readTree(
            mvc.perform(get("/v3/api-docs").header("Authorization", "Bearer " + token()))
                .andReturn()
                .getResponse()
                .getContentAsString());
    JsonNode error = api.path("components").path("schemas").path("ApiError").path("properties");
    assertThat(error.path("success").path("type").asString()).isEqualTo("boolean");
    assertThat(error.path("msg").path("type").asString()).isEqualTo("string");
    assertThat(error.path("errors").path("additionalProperties").path("type").asString())
        .isEqualTo("string");
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        for (String status : List.of("400", "403", "404")) {
          JsonNode schema =
              op.getValue()
                  .path("responses")
                  .path(status)
                  .path("content")
                  .path("application/json")
                  .path("schema");
          if (!schema.path("$ref").asString("").endsWith("/ApiError")) {
            missing.add(op.getKey() + " " + path.getKey() + " " + status);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  /**
   * springdoc names a schema after its class's simple name (or its {@code @Schema(name)}): two
   * records with one name would silently share one schema, the second overwriting the first.
   */
  @Test
  void noTwoAnswerOrRequestRecordsShareASchemaName() {
    Map<String, Class<?>> byName = new java.util.TreeMap<>();
    List<String> clashes = new ArrayList<>();
    for (HandlerMethod h : mappings.getHandlerMethods().values()) {
      if (!h.getBeanType().getName().startsWith("dev.vigil.")) {
        continue;
      }
      collect(h.getMethod().getGenericReturnType(), byName, clashes);
      for (java.lang.reflect.Parameter p : h.getMethod().getParameters()) {
        if (p.isAnnotationPresent(org.springframework.web.bind.annotation.RequestBody.class)) {
          collect(p.getParameterizedType(), byName, clashes);
        }
      }
    }
    assertThat(byName).isNotEmpty();
    assertThat(clashes).isEmpty();
  }

  private static void collect(
      java.lang.reflect.Type type, Map<String, Class<?>> byName, List<String> clashes) {
    if (type instanceof java.lang.reflect.ParameterizedType pt) {
      collect(pt.getRawType(), byName, clashes);
      for (java.lang.reflect.Type arg : pt.getActualTypeArguments()) {
        collect(arg, byName, clashes);
      }
      return;
    }
    if (!(type instanceof Class<?> c) || !c.isRecord()) {
      return;
    }
    io.swagger.v3.oas.annotations.media.Schema named =
        c.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
    String name = named != null && !named.name().isEmpty() ? named.name() : c.getSimpleName();
    Class<?> before = byName.putIfAbsent(name, c);
    if (before != null) {
      if (before != c && !KNOWN_CLASHES.contains(name)) {
        clashes.add(name + ": " + before.getName() + " and " + c.getName());
      }
      return;
    }
    for (java.lang.reflect.RecordComponent rc : c.getRecordComponents()) {
      collect(rc.getGenericType(), byName, clashes);
    }
  }

  private static JsonNode firstContentSchema(JsonNode content) {
    for (JsonNode media : content) {
      return media.path("schema");
    }
    return com();
  }

  private static JsonNode com() {
    return JSON.missingNode();
  }

  /** The schema is a reference to a named component with properties, and so are its objects. */
  private static void checkNamed(
      String where, JsonNode schema, JsonNode schemas, List<String> problems, Set<String> seen) {
    if (schema.isMissingNode()) {
      problems.add(where + ": no schema");
      return;
    }
    String ref = schema.path("$ref").asString("");
    if (ref.isEmpty()) {
      problems.add(where + ": not a named schema: " + schema);
      return;
    }
    String name = ref.substring(ref.lastIndexOf('/') + 1);
    if (!seen.add(name)) {
      return;
    }
    JsonNode named = schemas.path(name);
    JsonNode props = named.path("properties");
    if (props.isEmpty()) {
      problems.add(where + ": schema " + name + " has no properties");
      return;
    }
    for (Map.Entry<String, JsonNode> p : props.properties()) {
      checkProperty(where + " → " + name + "." + p.getKey(), p.getValue(), schemas, problems, seen);
    }
  }

  private static void checkProperty(
      String where, JsonNode prop, JsonNode schemas, List<String> problems, Set<String> seen) {
    if (prop.has("$ref")) {
      checkNamed(where, prop, schemas, problems, seen);
      return;
    }
    if (prop.has("items")) {
      checkProperty(where + "[]", prop.get("items"), schemas, problems, seen);
      return;
    }
    if (prop.has("oneOf") || prop.has("anyOf") || prop.has("allOf")) {
      return;
    }
    String type = prop.path("type").asString("");
    JsonNode additional = prop.path("additionalProperties");
    if (type.equals("object") || (type.isEmpty() && !prop.has("enum"))) {
      if (!additional.isMissingNode() && !additional.isBoolean() && !additional.isEmpty()) {
        checkProperty(where + "{}", additional, schemas, problems, seen);
        return;
      }
      String leaf = where.substring(where.lastIndexOf('→') + 2);
      if (!FREE_FORM.contains(leaf)) {
        problems.add(where + ": a bare object " + prop);
      }
    }
  }

  private String token() throws Exception {
    String body =
        mvc.perform(
                post("/oauth/token?grant_type=password&client_id=morph-cli")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .content("username=admin&password=" + VigilSystemTest.ADMIN_PASSWORD))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JSON.readTree(body).get("access_token").asString();
  }
}
