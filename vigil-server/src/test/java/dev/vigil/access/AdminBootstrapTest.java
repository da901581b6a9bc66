package dev.vigil.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.VigilApplication;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the whole application on a fresh H2 file database, twice, as an operator would. */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTest {

  private static final Pattern GENERATED =
      Pattern.compile("Vigil first start: user 'admin' created with password: (\\S+)");

  @Test
  void generatedPasswordIsLoggedOnceOnFirstStartOnly(@TempDir Path dataDir, CapturedOutput output) {
    try (var first = start(dataDir, "")) {
      assertThat(first.getBean(UserRepository.class).count()).isEqualTo(1);
    }
    Matcher m = GENERATED.matcher(output.getOut());
    assertThat(m.find()).as("generated password logged").isTrue();
    String password = m.group(1);
    assertThat(output.getOut()).contains("WARN");
    try (var second = start(dataDir, "")) {
      assertThat(second.getBean(PasswordCheck.class).verify("admin", password)).isPresent();
      assertThat(second.getBean(UserRepository.class).count()).isEqualTo(1);
    }
    assertThat(GENERATED.matcher(output.getOut()).results().count()).isEqualTo(1);
  }

  @Test
  void configuredPasswordIsUsedAndNeverLogged(@TempDir Path dataDir, CapturedOutput output) {
    try (var app = start(dataDir, "Configured-Pass-123")) {
      var admin = app.getBean(PasswordCheck.class).verify("admin", "Configured-Pass-123");
      assertThat(admin).isPresent();
      var roles = app.getBean(RoleRepository.class).forUser(admin.get().id());
      assertThat(roles).extracting(Role::name).containsExactly("Administrator");
    }
    assertThat(output.getOut()).doesNotContain("Configured-Pass-123");
    assertThat(GENERATED.matcher(output.getOut()).find()).isFalse();
  }

  private static ConfigurableApplicationContext start(Path dataDir, String adminPassword) {
    return new SpringApplicationBuilder(VigilApplication.class)
        .run(
            "--vigil.data-dir=" + dataDir.toAbsolutePath(),
            "--vigil.access.admin-password=" + adminPassword,
            "--server.port=0",
            "--spring.jmx.enabled=false");
  }
}
