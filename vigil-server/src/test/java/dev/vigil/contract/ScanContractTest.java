package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertGet;
import static dev.vigil.contract.ContractAssertions.assertList;
import static dev.vigil.contract.ContractAssertions.assertTimestamp;
import static dev.vigil.contract.ContractAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contract.ContractFixture.Scans;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * API.md §8 over the wire, on five real scans: job A (package A) twice on both local servers, job B
 * (package B) once on server 1. Only the fixture scans these two servers.
 */
class ScanContractTest extends ContractTestBase {

  private static final String SCANS = "/api/security-scans";
  private static final String KEY = "securityScans";

  ContractFixture f;
  Scans s;
  String both;

  @BeforeEach
  void scanned() {
    f = fixture();
    s = f.scans();
    both = "serverId=" + f.local1 + "&serverId=" + f.local2;
  }

  @Test
  void aScanHasTheShapeTheCliPrints() {
    JsonNode items = assertList(admin.get(SCANS + "?" + both), KEY);
    assertThat(items).hasSize(5);
    for (JsonNode scan : items) {
      assertThat(scan.get("securityPackage").get("id").isNumber()).isTrue();
      assertThat(scan.get("securityPackage").get("name").asString()).startsWith("ctrfix-nine-");
      assertThat(scan.get("securityPackage").get("type").get("name").asString())
          .isEqualTo("SCAP Package");
      assertThat(scan.get("securityPackage").get("type").get("code").asString())
          .isEqualTo("scap-package");
      assertThat(scan.get("server").get("id").isNumber()).isTrue();
      assertThat(scan.get("server").get("name").asString()).startsWith("ctrfix-local-");
      assertThat(scan.get("status").asString()).isEqualTo("complete");
      assertTimestamp(scan.get("scanDate"), "scanDate");
      assertTimestamp(scan.get("dateCreated"), "dateCreated");
      assertTimestamp(scan.get("lastUpdated"), "lastUpdated");
      assertThat(scan.get("scanDuration").isIntegralNumber()).as("ms").isTrue();
      assertThat(scan.get("scanDuration").asLong()).isPositive().isLessThan(120_000);
      for (String count :
          List.of("testCount", "runCount", "passCount", "failCount", "otherCount")) {
        assertThat(scan.get(count).isIntegralNumber()).as(count).isTrue();
      }
      assertThat(scan.get("runCount").asInt())
          .isEqualTo(
              scan.get("passCount").asInt()
                  + scan.get("failCount").asInt()
                  + scan.get("otherCount").asInt());
      assertThat(scan.get("passCount").asInt()).isPositive();
      assertThat(scan.get("failCount").asInt()).isPositive();
      assertThat(scan.get("scanScore").isNumber()).isTrue();
      assertThat(scan.has("results")).as("results only when asked").isFalse();
    }
    long id = items.get(0).get("id").asLong();
    JsonNode got = assertGet(admin.get(SCANS + "/" + id), "securityScan");
    assertThat(got.get("id").asLong()).isEqualTo(id);
    assertThat(got.has("results")).isFalse();
  }

  @Test
  void resultsTrueAddsTheRuleResults() {
    long id = firstScan();
    JsonNode got = assertGet(admin.get(SCANS + "/" + id + "?results=true"), "securityScan");
    assertRuleResults(got);
    JsonNode listed = assertList(admin.get(SCANS + "?results=true&" + both + "&max=2"), KEY);
    assertThat(listed).hasSize(2);
    listed.forEach(ScanContractTest::assertRuleResults);
    assertThat(assertList(admin.get(SCANS + "?results=false&" + both), KEY).get(0).has("results"))
        .isFalse();
    assertThat(assertList(admin.get(SCANS + "?results&" + both), KEY).get(0).has("results"))
        .as("bare results is absent")
        .isFalse();
  }

  @Test
  void serverIdAndSecurityPackageIdAreRepeatableFilters() {
    assertThat(assertList(admin.get(SCANS + "?serverId=" + f.local1), KEY)).hasSize(3);
    assertThat(assertList(admin.get(SCANS + "?serverId=" + f.local2), KEY)).hasSize(2);
    assertThat(assertList(admin.get(SCANS + "?" + both), KEY)).hasSize(5);
    JsonNode ofB = assertList(admin.get(SCANS + "?securityPackageId=" + f.packageB), KEY);
    assertThat(ofB).hasSize(1);
    assertThat(ofB.get(0).get("server").get("id").asLong()).isEqualTo(f.local1);
    assertThat(
            assertList(
                admin.get(
                    SCANS
                        + "?securityPackageId="
                        + f.packageA
                        + "&securityPackageId="
                        + f.packageB
                        + "&serverId="
                        + f.local1),
                KEY))
        .hasSize(3);
    assertThat(
            assertList(
                admin.get(SCANS + "?serverId=" + f.local2 + "&securityPackageId=" + f.packageB),
                KEY))
        .isEmpty();
    assertThat(
            assertList(
                admin.get(
                    SCANS
                        + "?serverId&securityPackageId&phrase&serverId="
                        + f.local1
                        + "&noSuchFilter=x&tags.env=prod"),
                KEY))
        .as("bare keys absent, unknown parameters ignored")
        .hasSize(3);
    assertError(admin.get(SCANS + "?serverId=web01"), 400, "serverId");
    assertError(
        admin.get(SCANS + "?securityPackageId=1&securityPackageId=x"), 400, "securityPackageId");
  }

  @Test
  void phraseMatchesServerAndPackageNames() {
    assertThat(assertList(admin.get(SCANS + "?phrase=ctrfix-nine-b"), KEY)).hasSize(1);
    assertThat(assertList(admin.get(SCANS + "?phrase=CTRFIX-LOCAL-2"), KEY)).hasSize(2);
    assertThat(assertList(admin.get(SCANS + "?phrase=ctrfix-local&" + both), KEY)).hasSize(5);
  }

  @Test
  void pagesAndSortsNewestFirstByDefault() {
    JsonNode all = assertList(admin.get(SCANS + "?" + both + "&max=-1"), KEY);
    assertThat(all).hasSize(5);
    List<String> dates = new ArrayList<>();
    all.forEach(x -> dates.add(x.get("scanDate").asString()));
    assertThat(dates).as("default scanDate desc").isSortedAccordingTo(Comparator.reverseOrder());
    List<Long> allIds = ids(all);
    JsonNode two = assertList(admin.get(SCANS + "?" + both + "&max=2"), KEY);
    assertThat(ids(two)).containsExactlyElementsOf(allIds.subList(0, 2));
    JsonNode meta = admin.get(SCANS + "?" + both + "&max=2&offset=2").json().get("meta");
    assertThat(meta.get("offset").asInt()).isEqualTo(2);
    assertThat(meta.get("max").asInt()).isEqualTo(2);
    assertThat(meta.get("size").asInt()).isEqualTo(2);
    assertThat(meta.get("total").asLong()).isEqualTo(5);
    assertThat(ids(assertList(admin.get(SCANS + "?" + both + "&max=2&offset=2"), KEY)))
        .containsExactlyElementsOf(allIds.subList(2, 4));
    assertThat(assertList(admin.get(SCANS + "?" + both + "&offset=5"), KEY)).isEmpty();
    List<Long> asc = ids(assertList(admin.get(SCANS + "?" + both + "&sort=id&direction=asc"), KEY));
    assertThat(asc).isSorted();
    List<Long> desc =
        ids(assertList(admin.get(SCANS + "?" + both + "&sort=id&direction=desc"), KEY));
    assertThat(desc).isSortedAccordingTo(Comparator.reverseOrder()).hasSize(5);
    assertThat(ids(assertList(admin.get(SCANS + "?" + both + "&sort=id%20desc"), KEY)))
        .containsExactlyElementsOf(desc);
    List<String> byDateAsc = new ArrayList<>();
    assertList(admin.get(SCANS + "?" + both + "&sort=scanDate&direction=asc"), KEY)
        .forEach(x -> byDateAsc.add(x.get("scanDate").asString()));
    assertThat(byDateAsc).isSorted();
    assertThat(assertList(admin.get(SCANS + "?" + both + "&sort=noSuchProperty"), KEY)).hasSize(5);
    assertError(admin.get(SCANS + "?max=all"), 400, "max");
    // a scan has no name of its own: the exact name filter is its server's name
    List<Long> ofLocal1 =
        ids(assertList(admin.get(SCANS + "?serverId=" + f.local1 + "&max=-1"), KEY));
    assertThat(ids(assertList(admin.get(SCANS + "?name=ctrfix-local-1&max=-1"), KEY)))
        .isNotEmpty()
        .containsExactlyElementsOf(ofLocal1);
    assertThat(assertList(admin.get(SCANS + "?name=ctrfix-local"), KEY))
        .as("exact, not partial")
        .isEmpty();
  }

  @Test
  void deleteIsRefusedInsideTheKeepWindowAndUnknownIdsAre404() {
    long scan = firstScan();
    JsonNode refused = assertError(admin.delete(SCANS + "/" + scan), 400);
    assertThat(refused.get("msg").asString())
        .startsWith("security scan " + scan + " is kept until");
    assertGet(admin.get(SCANS + "/" + scan), "securityScan");
    assertError(admin.delete(SCANS + "/999999"), 404);
    assertError(noScanning().delete(SCANS + "/" + scan), 403);
  }

  @Test
  void unknownIdsAre404AndOtherRolesAre403() {
    assertError(admin.get(SCANS + "/999999"), 404);
    assertError(admin.get(SCANS + "/999999?results=true"), 404);
    assertError(noScanning().get(SCANS), 403);
    assertError(noScanning().get(SCANS + "/" + firstScan()), 403);
    assertError(anonymous().get(SCANS), 401, "unauthorized");
    assertError(anonymous().bearer("expired-or-forged").get(SCANS + "/1"), 401, "invalid_token");
  }

  private long firstScan() {
    return assertList(admin.get(SCANS + "?serverId=" + f.local1 + "&max=1"), KEY)
        .get(0)
        .get("id")
        .asLong();
  }

  private static void assertRuleResults(JsonNode scan) {
    JsonNode results = scan.get("results");
    assertThat(results).as("results in %s", scan).isNotNull();
    JsonNode rules = results.get("ruleResults");
    assertThat(rules.isArray()).isTrue();
    assertThat(rules.size()).isGreaterThanOrEqualTo(scan.get("testCount").asInt());
    List<String> outcomes = new ArrayList<>();
    rules.forEach(
        r -> {
          assertThat(r.get("ruleId").asString()).startsWith("xccdf_");
          outcomes.add(r.get("result").asString());
        });
    assertThat(outcomes).contains("pass", "fail");
    assertThat(results.get("score").get("value").isNumber()).isTrue();
  }
}
