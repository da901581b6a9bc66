package dev.vigil.web;

import dev.vigil.operations.DatabaseProbe;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link DatabaseOutageFilter} in front of the security filter chains. */
@Configuration(proxyBeanMethods = false)
class DatabaseOutageConfig {

  @Bean
  FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(
      DatabaseProbe probe, JsonMapper json) {
    FilterRegistrationBean<DatabaseOutageFilter> r =
        new FilterRegistrationBean<>(new DatabaseOutageFilter(probe, json));
    r.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
    r.addUrlPatterns("/*");
    return r;
  }
}
