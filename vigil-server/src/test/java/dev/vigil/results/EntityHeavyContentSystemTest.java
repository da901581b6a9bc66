package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.FleetApi;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SystemTestContent;
import dev.vigil.testsupport.VigilSystemTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * No valid XML is refused for its amount of text: a datastream holding 250,000 predefined entity
 * references ({@code &lt; &gt; &amp;}; the JDK used to count them toward its entity size limits and
 * refuse the file past 65,536) is indexed ready, scanned by real oscap, and its ARF, which embeds
 * the datastream, is read and recorded with its rule results and texts.
 */
@VigilSystemTest
class EntityHeavyContentSystemTest {

  private static final int REFERENCES = 250_000;
  private static final Path contentRoot =
      SystemTestContent.newFolder("vigil-entityheavycontentsystemtest");
  private static Path heavyDs;

  @LocalServerPort int port;

  @BeforeAll
  static void content() throws Exception {
    ScanFixtures.requireScanning();
    heavyDs = ScanFixtures.entityHeavyDatastream(contentRoot, REFERENCES);
  }

  @Test
  void datastreamAndArfWithAQuarterMillionEntityReferencesIndexScanAndRecord() throws Exception {
    assertThat(ScanFixtures.predefinedReferences(heavyDs)).isGreaterThanOrEqualTo(REFERENCES);
    ApiClient api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    FleetApi fleet = new FleetApi(api);

    long pkg = fleet.readyPackage("entity-heavy", heavyDs);
    long server = fleet.localServer("entity-heavy-local");
    long job =
        fleet.job(
            "entity-heavy-job",
            pkg,
            heavyDs.getFileName().toString(),
            ScanFixtures.NINE_PROFILE,
            List.of(server),
            1);
    JsonNode execution = fleet.awaitEnd(fleet.execute(job), Duration.ofSeconds(180));
    assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("complete");

    JsonNode scans = api.get("/api/security-scans?serverId=" + server).json().get("securityScans");
    assertThat(scans).hasSize(1);
    JsonNode scan = scans.get(0);
    assertThat(scan.get("failCount").asInt()).isPositive();
    assertThat(scan.get("passCount").asInt()).isPositive();
    long id = scan.get("id").asLong();
    ApiClient.Response arf = api.get("/api/security-scans/" + id + "/arf");
    assertThat(arf.status()).isEqualTo(200);
    Path arfFile = Files.writeString(contentRoot.resolve("downloaded-arf.xml"), arf.body());
    assertThat(ScanFixtures.predefinedReferences(arfFile))
        .as("the recorded ARF embeds the datastream with its references")
        .isGreaterThanOrEqualTo(REFERENCES);
    JsonNode rules =
        api.get("/api/security-scans/" + id + "/rules?texts=true&phrase=rule_pass").json();
    assertThat(rules.get("texts").get("available").asBoolean()).isTrue();
    assertThat(rules.get("rules").get(0).get("description").asString()).contains("a &lt; b");
  }
}
