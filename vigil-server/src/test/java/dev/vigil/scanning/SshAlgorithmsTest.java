package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedResource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SshAlgorithmsTest {

  @Test
  void classicKexAndAesGcmComeFirstAndNothingIsDropped() {
    SshClient defaults = SshClient.setUpDefaultClient();
    SshClient client = SshClient.setUpDefaultClient();
    SshAlgorithms.configure(client, false);

    List<String> kex = NamedResource.getNameList(client.getKeyExchangeFactories());
    assertThat(kex.get(0)).isEqualTo("curve25519-sha256");
    assertThat(kex)
        .containsExactlyInAnyOrderElementsOf(
            NamedResource.getNameList(defaults.getKeyExchangeFactories()));
    List<String> ciphers = NamedResource.getNameList(client.getCipherFactories());
    assertThat(ciphers.get(0)).isEqualTo("aes128-gcm@openssh.com");
    assertThat(ciphers)
        .containsExactlyInAnyOrderElementsOf(
            NamedResource.getNameList(defaults.getCipherFactories()));
  }

  @Test
  void postQuantumKexStaysFirstWhenAskedFor() {
    SshClient defaults = SshClient.setUpDefaultClient();
    SshClient client = SshClient.setUpDefaultClient();
    SshAlgorithms.configure(client, true);

    assertThat(NamedResource.getNameList(client.getKeyExchangeFactories()))
        .isEqualTo(NamedResource.getNameList(defaults.getKeyExchangeFactories()));
    assertThat(NamedResource.getNameList(client.getKeyExchangeFactories()).get(0))
        .isNotEqualTo("curve25519-sha256");
  }

  @Test
  void preferringKeepsTheRestInOrder() {
    List<NamedResource> names =
        List.of(
            NamedResource.ofName("a"),
            NamedResource.ofName("b"),
            NamedResource.ofName("c"),
            NamedResource.ofName("d"));
    assertThat(NamedResource.getNameList(SshAlgorithms.preferring(names, List.of("c", "x", "b"))))
        .containsExactly("c", "b", "a", "d");
  }

  @Test
  void postQuantumKexIsTheDefaultAndCanBeTurnedOff() {
    assertThat(bind(Map.of()).postQuantumKex()).isTrue();
    assertThat(bind(Map.of("vigil.scanning.post-quantum-kex", "false")).postQuantumKex()).isFalse();
  }

  private static ScanningSettings bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("vigil.scanning", ScanningSettings.class);
  }
}
