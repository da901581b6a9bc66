package dev.vigil;

import dev.vigil.storage.DataDirectoryLock;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Vigil: runs SCAP security-scan jobs across fleets of Linux servers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigilApplication {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(VigilApplication.class);
    app.addListeners(new DataDirectoryLock());
    app.run(args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
