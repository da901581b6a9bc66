package dev.vigil.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title and description of the OpenAPI document springdoc serves at {@code /v3/api-docs}, and
 * the Morpheus error body ({@link ApiError}) as the 400, 403 and 404 answer of every {@code /api}
 * operation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  /** The error answers every {@code /api} operation may give, by status. */
  private static final Map<String, String> ERRORS =
      Map.of(
          "400", "Invalid input: msg, and errors.<field> for each field to blame",
          "403", "Not permitted",
          "404", "Not found");

  @Bean
  OpenAPI vigilOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Vigil REST API")
                .version("1")
                .description(
                    "Morpheus-compatible REST API of Vigil: security packages, security scan jobs,"
                        + " job executions, execute schedules, security scans, servers and"
                        + " instances. Authenticate with POST /oauth/token (password grant,"
                        + " client_id morph-cli) and send 'Authorization: Bearer <token>'."
                        + " Errors are {success: false, msg, errors: {field: message}}."));
  }

  @Bean
  OpenApiCustomizer apiErrorResponses() {
    return api -> {
      if (api.getComponents() == null) {
        api.setComponents(new Components());
      }
      ModelConverters.getInstance()
          .readAll(ApiError.class)
          .forEach(api.getComponents()::addSchemas);
      Schema<?> ref = new Schema<>().$ref("#/components/schemas/ApiError");
      if (api.getPaths() == null) {
        return;
      }
      api.getPaths()
          .forEach(
              (path, item) -> {
                if (!path.startsWith("/api/")) {
                  return;
                }
                item.readOperations()
                    .forEach(
                        op -> {
                          if (op.getResponses() == null) {
                            op.setResponses(new ApiResponses());
                          }
                          ERRORS.forEach(
                              (status, description) ->
                                  op.getResponses()
                                      .putIfAbsent(
                                          status,
                                          new ApiResponse()
                                              .description(description)
                                              .content(
                                                  new Content()
                                                      .addMediaType(
                                                          "application/json",
                                                          new MediaType().schema(ref)))));
                        });
              });
    };
  }
}
