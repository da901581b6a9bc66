package dev.vigil.operations;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of the OpenAPI document springdoc serves at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

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
                        + " client_id morph-cli) and send 'Authorization: Bearer <token>'."));
  }
}
