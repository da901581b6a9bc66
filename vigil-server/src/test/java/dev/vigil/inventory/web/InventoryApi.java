package dev.vigil.inventory.web;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.UserRef;
import dev.vigil.inventory.InventoryFixture;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory's REST controllers over MockMvc (standalone: no security filter, so the tests keep
 * working whatever the access configuration is), with the real exception handler and the real
 * services of an {@link InventoryFixture}. The current user is a test double ("tester").
 */
public final class InventoryApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MockMvc mvc;

  public InventoryApi(InventoryFixture inv) {
    CurrentUser user = mock(CurrentUser.class);
    when(user.current()).thenReturn(Optional.of(new UserRef(1, "tester", "Tester")));
    mvc =
        MockMvcBuilders.standaloneSetup(
                new CredentialApiController(inv.credentials, user),
                new ServerApiController(inv.servers, inv.connectionTests),
                new InstanceApiController(inv.instances))
            .setControllerAdvice(apiExceptionHandler())
            .build();
  }

  /** A response's status and body text. */
  public record Response(int status, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  public Response get(String path) {
    return call(MockMvcRequestBuilders.get(path));
  }

  public Response post(String path, String json) {
    return call(
        MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON).content(json));
  }

  public Response put(String path, String json) {
    return call(
        MockMvcRequestBuilders.put(path).contentType(MediaType.APPLICATION_JSON).content(json));
  }

  public Response delete(String path) {
    return call(MockMvcRequestBuilders.delete(path).contentType(MediaType.APPLICATION_JSON));
  }

  private Response call(RequestBuilder request) {
    try {
      MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
      return new Response(r.getStatus(), r.getContentAsString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object apiExceptionHandler() {
    try {
      var ctor = Class.forName("dev.vigil.web.ApiExceptionHandler").getDeclaredConstructor();
      ctor.setAccessible(true);
      return ctor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
