package dev.vigil.scanning;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared SSH client (closed on shutdown) and the connection tester and scan engine on it. */
@Configuration
public class ScanningConfig {

  @Bean(destroyMethod = "close")
  SshConnector sshConnector(ScanningSettings settings) {
    return new SshConnector(settings.maxConcurrentHandshakes(), settings.postQuantumKex());
  }

  @Bean
  ConnectionTester connectionTester(SshConnector connector) {
    return new ConnectionTester(connector);
  }

  @Bean
  ScanEngine scanEngine(SshConnector connector, java.time.Clock clock, ScanningSettings settings) {
    return new ScanEngine(connector, clock, settings.compressResults());
  }
}
