package dev.vigil;

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
    SpringApplication.run(VigilApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
