package dev.vigil.web.access;

import dev.vigil.access.CurrentUser;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the permission check for every handler, pages and API alike. */
@Configuration(proxyBeanMethods = false)
class AccessWebConfig implements WebMvcConfigurer {

  private final CurrentUser currentUser;
  private final ApiAuthResponses responses;

  AccessWebConfig(CurrentUser currentUser, ApiAuthResponses responses) {
    this.currentUser = currentUser;
    this.responses = responses;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new PermissionInterceptor(currentUser, responses));
  }
}
