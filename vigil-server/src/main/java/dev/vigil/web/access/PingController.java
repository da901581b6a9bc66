package dev.vigil.web.access;

import dev.vigil.VigilApplication;
import dev.vigil.access.PublicEndpoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The unauthenticated probes the CLI sends when a remote is added. */
@RestController
@PublicEndpoint
class PingController {

  private final String buildVersion;

  PingController(ObjectProvider<BuildProperties> build) {
    BuildProperties props = build.getIfAvailable();
    String fromJar = VigilApplication.class.getPackage().getImplementationVersion();
    this.buildVersion =
        props != null ? props.getVersion() : fromJar != null ? fromJar : "development";
  }

  @GetMapping({"/api/ping", "/api/setup/check"})
  AccessAnswers.Ping ping() {
    return new AccessAnswers.Ping(
        true,
        buildVersion,
        false,
        ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
  }
}
