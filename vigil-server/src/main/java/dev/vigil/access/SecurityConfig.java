package dev.vigil.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/** Two filter chains: stateless Bearer tokens for the API, form login with sessions for pages. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  static final String CSP =
      "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(
      HttpSecurity http, TokenService tokens, UserRepository users, ApiAuthResponses responses)
      throws Exception {
    // Prometheus scrapes with a bearer token (an API token of any user), not a page session.
    http.securityMatcher("/api/**", "/oauth/**", "/actuator/prometheus")
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(
            c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .requestCache(c -> c.disable())
        .addFilterBefore(
            new BearerTokenFilter(tokens, users, responses), AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/api/ping", "/api/setup/check", "/oauth/token")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint((req, res, ex) -> responses.unauthorized(res))
                    .accessDeniedHandler((req, res, ex) -> responses.forbidden(res)))
        .headers(h -> h.frameOptions(f -> f.deny()));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pageChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/css/**",
                        "/js/**",
                        "/favicon.ico",
                        "/actuator/health",
                        "/actuator/health/**",
                        "/login",
                        "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(f -> f.loginPage("/login").failureUrl("/login?error").permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(
            h -> h.frameOptions(f -> f.deny()).contentSecurityPolicy(c -> c.policyDirectives(CSP)));
    return http.build();
  }
}
