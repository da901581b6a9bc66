package dev.vigil.web.access;

import dev.vigil.access.ClientAddress;
import dev.vigil.access.LoginThrottle;
import dev.vigil.access.TokenService;
import dev.vigil.access.UserRepository;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.Header;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Two filter chains: stateless Bearer tokens for the API, form login with sessions for pages. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  static final String CSP =
      "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

  /** The page route of a scan's oscap HTML report. */
  static final String HTML_REPORT = "/security-scans/*/report.html";

  /** The report's policy: sandboxed (no allow-scripts, no allow-same-origin), framed by us only. */
  static final String REPORT_CSP = "sandbox; frame-ancestors 'self'";

  /** The OpenAPI document (and its named groups), readable with a bearer token or a session. */
  static final String API_DOCS = "/v3/api-docs/**";

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
            new BearerTokenFilter(tokens, users, responses, AnyRequestMatcher.INSTANCE),
            AnonymousAuthenticationFilter.class)
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
  SecurityFilterChain pageChain(
      HttpSecurity http,
      LoginThrottle throttle,
      ClientAddress clients,
      TokenService tokens,
      UserRepository users,
      ApiAuthResponses responses)
      throws Exception {
    PageLoginThrottle loginThrottle = new PageLoginThrottle(throttle, clients);
    // The OpenAPI document is read by API clients too: a bearer token signs them in for that
    // document only (no session is made); anonymous callers are sent to the login page.
    RequestMatcher apiDocs = PathPatternRequestMatcher.withDefaults().matcher(API_DOCS);
    http.addFilterBefore(loginThrottle, UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(
            new BearerTokenFilter(tokens, users, responses, apiDocs),
            AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
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
        .formLogin(
            f ->
                f.loginPage("/login")
                    .failureHandler(loginThrottle)
                    .successHandler(loginThrottle)
                    .permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(SecurityConfig::pageHeaders);
    return http.build();
  }

  /**
   * Every page gets {@link #CSP} and may not be framed, except a scan's oscap HTML report: it is
   * served sandboxed ({@code sandbox}: no scripts, a unique origin) and may be framed by Vigil's
   * own report page.
   */
  private static void pageHeaders(HeadersConfigurer<HttpSecurity> h) {
    RequestMatcher report =
        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, HTML_REPORT);
    RequestMatcher others = new NegatedRequestMatcher(report);
    h.frameOptions(f -> f.disable())
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                others, new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY)))
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                others, new ContentSecurityPolicyHeaderWriter(CSP)))
        .addHeaderWriter(
            new DelegatingRequestMatcherHeaderWriter(
                report,
                new StaticHeadersWriter(
                    List.of(
                        new Header("Content-Security-Policy", REPORT_CSP),
                        new Header("X-Frame-Options", "SAMEORIGIN")))));
  }
}
