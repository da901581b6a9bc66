package dev.vigil.scanning;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared SSH client (closed on shutdown) and the connection tester and scan engine on it. */
@Configuration
public class ScanningConfig {

  @Bean(destroyMethod = "close")
  SshConnector sshConnector() {
    return new SshConnector();
  }

  @Bean
  ConnectionTester connectionTester(SshConnector connector) {
    return new ConnectionTester(connector);
  }

  @Bean
  ScanEngine scanEngine(SshConnector connector, java.time.Clock clock) {
    return new ScanEngine(connector, clock);
  }
}
