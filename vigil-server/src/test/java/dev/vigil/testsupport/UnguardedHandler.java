package dev.vigil.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A handler that forgets its guard (neither {@code @RequiresPermission} nor {@code
 * PublicEndpoint}), at {@code /api/forgotten-guard} and {@code /forgotten-guard}, in the
 * application of {@link VigilSystemTestWithoutScheduler}: the access feature must refuse it.
 */
@TestConfiguration
public class UnguardedHandler {

  /**
   * The handler: a member of this test configuration, so registered where it is imported and left
   * out by component scanning elsewhere.
   */
  @RestController
  public static class Forgetful {
    @GetMapping({"/api/forgotten-guard", "/forgotten-guard"})
    String forgotten() {
      return "should never be seen";
    }
  }
}
