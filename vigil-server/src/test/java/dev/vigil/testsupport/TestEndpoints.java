package dev.vigil.testsupport;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Endpoints of the shared test applications on their own origin, for tests of what a page may
 * reach: {@code /vigil-test/control.html} serves {@link #controlHtml}, any other {@code
 * /vigil-test/*} adds its {@code from} parameter to {@link #HITS} (204).
 */
@TestConfiguration
public class TestEndpoints {

  /** The {@code from} parameters of the hits, in order. */
  public static final List<String> HITS = new CopyOnWriteArrayList<>();

  /** What {@code /vigil-test/control.html} serves. */
  public static volatile byte[] controlHtml = new byte[0];

  @Bean
  FilterRegistrationBean<Filter> vigilTestEndpoints() {
    Filter f =
        (req, res, chain) -> {
          HttpServletRequest r = (HttpServletRequest) req;
          HttpServletResponse out = (HttpServletResponse) res;
          if (r.getRequestURI().equals("/vigil-test/control.html")) {
            out.setContentType("text/html;charset=UTF-8");
            out.getOutputStream().write(controlHtml);
          } else {
            HITS.add(String.valueOf(r.getParameter("from")));
            out.setStatus(204);
          }
        };
    FilterRegistrationBean<Filter> b = new FilterRegistrationBean<>(f);
    b.addUrlPatterns("/vigil-test/*");
    b.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return b;
  }
}
