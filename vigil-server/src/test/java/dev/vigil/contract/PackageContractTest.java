package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertGet;
import static dev.vigil.contract.ContractAssertions.assertList;
import static dev.vigil.contract.ContractAssertions.assertSuccess;
import static dev.vigil.contract.ContractAssertions.assertTimestamp;
import static dev.vigil.contract.ContractAssertions.assertWrite;
import static dev.vigil.contract.ContractAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API.md §3 (security package types) and §4 (security packages) over the wire. */
class PackageContractTest extends ContractTestBase {

  private static final String TYPES = "/api/security-package-types";
  private static final String PACKAGES = "/api/security-packages";

  @Test
  void packageTypesListMatchesNameOrCodeExactly() {
    JsonNode all = assertList(admin.get(TYPES), "securityPackageTypes");
    assertThat(all).hasSize(1);
    JsonNode type = all.get(0);
    assertThat(type.get("id").asLong()).isEqualTo(1);
    assertThat(type.get("code").asString()).isEqualTo("scap-package");
    assertThat(type.get("name").asString()).isEqualTo("SCAP Package");
    assertThat(type.get("optionTypes").isArray()).as("optionTypes saves the CLI a GET").isTrue();
    assertThat(assertList(admin.get(TYPES + "?name=scap-package"), "securityPackageTypes"))
        .as("the CLI passes the code as name")
        .hasSize(1);
    assertThat(assertList(admin.get(TYPES + "?name=SCAP%20Package"), "securityPackageTypes"))
        .hasSize(1);
    assertThat(assertList(admin.get(TYPES + "?name=scap"), "securityPackageTypes")).isEmpty();
    assertThat(admin.get(TYPES + "?name=scap").json().get("meta").get("total").asLong()).isZero();
    assertThat(assertList(admin.get(TYPES + "?name=ansible"), "securityPackageTypes")).isEmpty();
    assertThat(assertList(admin.get(TYPES + "?phrase=scap"), "securityPackageTypes")).hasSize(1);
    assertThat(assertList(admin.get(TYPES + "?phrase=zzz"), "securityPackageTypes")).isEmpty();
    assertThat(assertList(admin.get(TYPES + "?max=-1"), "securityPackageTypes")).hasSize(1);
    assertThat(assertList(admin.get(TYPES + "?offset=1"), "securityPackageTypes")).isEmpty();
    assertThat(admin.get(TYPES + "?offset=1").json().get("meta").get("total").asLong()).isOne();
    assertThat(
            assertList(
                admin.get(TYPES + "?name&phrase&sort=name&direction=desc&foo=bar"),
                "securityPackageTypes"))
        .hasSize(1);
    assertError(admin.get(TYPES + "?max=x"), 400, "max");
  }

  @Test
  void packageTypeGetCarriesOptionTypesAndUnknownIdsAre404() {
    JsonNode type = assertGet(admin.get(TYPES + "/1"), "securityPackageType");
    assertThat(type.get("code").asString()).isEqualTo("scap-package");
    assertThat(type.get("optionTypes").isArray()).isTrue();
    assertError(admin.get(TYPES + "/2"), 404);
    assertError(noScanning().get(TYPES), 403);
    assertError(noScanning().get(TYPES + "/1"), 403);
    assertError(anonymous().get(TYPES), 401, "unauthorized");
  }

  @Test
  void createAsTheCliSendsItThenGetUpdateAndDelete() {
    JsonNode made =
        assertWrite(
            admin.post(
                PACKAGES,
                "{\"securityPackage\": {\"name\": \"ctrpkg-cli\", \"type\": \"scap-package\","
                    + " \"description\": \"CIS benchmark\", \"url\": "
                    + fileUrl("cli.zip")
                    + ", \"labels\": [\"os:rhel\", \"tier:web\"], \"enabled\": true}}"),
            "securityPackage");
    long id = made.get("id").asLong();
    JsonNode got = assertGet(admin.get(PACKAGES + "/" + id), "securityPackage");
    for (JsonNode p : List.of(made, got)) {
      assertThat(p.get("name").asString()).isEqualTo("ctrpkg-cli");
      assertThat(p.get("description").asString()).isEqualTo("CIS benchmark");
      assertThat(p.get("type").get("id").asLong()).isEqualTo(1);
      assertThat(p.get("type").get("code").asString()).isEqualTo("scap-package");
      assertThat(p.get("type").get("name").asString()).isEqualTo("SCAP Package");
      assertThat(p.get("enabled").asBoolean()).isTrue();
      assertThat(p.get("url").asString()).endsWith("cli.zip");
      assertThat(p.get("uuid").asString()).isNotBlank();
      assertThat(p.get("config").isObject()).isTrue();
      assertThat(p.get("labels").toString()).isEqualTo("[\"os:rhel\",\"tier:web\"]");
      assertTimestamp(p.get("dateCreated"), "dateCreated");
      assertTimestamp(p.get("lastUpdated"), "lastUpdated");
    }
    JsonNode updated =
        assertWrite(
            admin.put(
                PACKAGES + "/" + id,
                "{\"securityPackage\":{\"description\":\"new\",\"enabled\":false}}"),
            "securityPackage");
    assertThat(updated.get("id").asLong()).isEqualTo(id);
    assertThat(updated.get("description").asString()).isEqualTo("new");
    assertThat(updated.get("enabled").asBoolean()).isFalse();
    assertThat(updated.get("name").asString()).as("untouched fields kept").isEqualTo("ctrpkg-cli");
    assertThat(updated.get("type").get("id").asLong()).isEqualTo(1);
    assertSuccess(admin.delete(PACKAGES + "/" + id));
    assertError(admin.get(PACKAGES + "/" + id), 404);
  }

  @Test
  void enabledDefaultsToTrueAndTypeMayBeLeftOut() {
    JsonNode p =
        assertWrite(
            admin.post(
                PACKAGES,
                "{\"securityPackage\":{\"name\":\"ctrpkg-minimal\",\"url\":"
                    + fileUrl("min.zip")
                    + "}}"),
            "securityPackage");
    assertThat(p.get("enabled").asBoolean()).isTrue();
    assertThat(p.get("type").get("code").asString()).isEqualTo("scap-package");
    assertSuccess(admin.delete(PACKAGES + "/" + p.get("id").asLong()));
  }

  @Test
  void listFollowsTheStandardParameters() {
    List<String> names =
        List.of("ctrlst-alpha", "ctrlst-bravo", "ctrlst-charlie", "ctrlst-delta", "ctrlst-echo");
    for (String n : names) {
      ensurePackage(n, "[]");
    }
    new ListConventions(admin, PACKAGES, "securityPackages", "ctrlst", names).checkAll();
  }

  @Test
  void labelsAreAnyOfAndAllLabelsAllOfAsRepeatedKeys() {
    ensurePackage("ctrlbl-both", "[\"os:rhel\",\"tier:web\"]");
    ensurePackage("ctrlbl-os", "[\"os:rhel\"]");
    ensurePackage("ctrlbl-tier", "[\"tier:web\"]");
    ensurePackage("ctrlbl-none", "[]");
    String q = PACKAGES + "?phrase=ctrlbl&sort=name";
    assertThat(
            names(assertList(admin.get(q + "&labels=os:rhel&labels=tier:web"), "securityPackages")))
        .containsExactly("ctrlbl-both", "ctrlbl-os", "ctrlbl-tier");
    assertThat(names(assertList(admin.get(q + "&labels=os:rhel"), "securityPackages")))
        .containsExactly("ctrlbl-both", "ctrlbl-os");
    assertThat(
            names(
                assertList(
                    admin.get(q + "&allLabels=os:rhel&allLabels=tier:web"), "securityPackages")))
        .containsExactly("ctrlbl-both");
    assertThat(names(assertList(admin.get(q + "&labels&allLabels"), "securityPackages")))
        .as("bare keys are absent")
        .hasSize(4);
  }

  @Test
  void badInputIsA400WithFieldErrorsAndNothingIsSaved() {
    assertError(admin.post(PACKAGES, "{\"securityPackage\":{}}"), 400, "name");
    assertError(admin.post(PACKAGES, "{\"securityPackage\":{\"name\":\"ctrbad-a\"}}"), 400, "url");
    assertError(
        admin.post(
            PACKAGES,
            "{\"securityPackage\":{\"name\":\"ctrbad-b\",\"url\":\"ftp://example.invalid/x\"}}"),
        400,
        "url");
    assertError(
        admin.post(
            PACKAGES,
            "{\"securityPackage\":{\"name\":\"ctrbad-c\",\"type\":\"ansible\",\"url\":"
                + fileUrl("c.zip")
                + "}}"),
        400,
        "type");
    assertError(
        admin.post(
            PACKAGES,
            "{\"securityPackage\":{\"name\":\"ctrbad-d\",\"enabled\":\"maybe\",\"url\":"
                + fileUrl("d.zip")
                + "}}"),
        400,
        "enabled");
    assertError(admin.post(PACKAGES, "{\"name\":\"ctrbad-e\"}"), 400);
    assertError(admin.post(PACKAGES, "[1,2]"), 400);
    ensurePackage("ctrbad-taken", "[]");
    JsonNode dup =
        assertError(
            admin.post(
                PACKAGES,
                "{\"securityPackage\":{\"name\":\"ctrbad-taken\",\"url\":"
                    + fileUrl("t.zip")
                    + "}}"),
            400,
            "name");
    assertThat(dup.get("errors").get("name").asString()).isEqualTo("must be unique");
    assertThat(names(assertList(admin.get(PACKAGES + "?phrase=ctrbad"), "securityPackages")))
        .as("nothing half-written")
        .containsExactly("ctrbad-taken");
  }

  @Test
  void unknownIdsAre404AndOtherRolesAre403() {
    assertError(admin.get(PACKAGES + "/999999"), 404);
    assertError(admin.put(PACKAGES + "/999999", "{\"securityPackage\":{\"name\":\"x\"}}"), 404);
    assertError(admin.delete(PACKAGES + "/999999"), 404);
    assertError(noScanning().get(PACKAGES), 403);
    assertError(noScanning().get(PACKAGES + "/1"), 403);
    assertError(
        noScanning()
            .post(
                PACKAGES, "{\"securityPackage\":{\"name\":\"ctr-403\",\"url\":\"https://x.y/z\"}}"),
        403);
    assertError(noScanning().delete(PACKAGES + "/1"), 403);
    assertError(anonymous().get(PACKAGES), 401, "unauthorized");
    assertError(anonymous().bearer("forged").get(PACKAGES), 401, "invalid_token");
    assertThat(assertList(admin.get(PACKAGES + "?name=ctr-403"), "securityPackages")).isEmpty();
  }

  private void ensurePackage(String name, String labels) {
    if (admin.get(PACKAGES + "?name=" + name).json().get("securityPackages").isEmpty()) {
      assertWrite(
          admin.post(
              PACKAGES,
              "{\"securityPackage\":{\"name\":\""
                  + name
                  + "\",\"url\":"
                  + fileUrl(name + ".zip")
                  + ",\"labels\":"
                  + labels
                  + "}}"),
          "securityPackage");
    }
  }

  private static String fileUrl(String file) {
    return ContractClient.JSON.writeValueAsString(CONTENT_ROOT.resolve(file).toUri().toString());
  }
}
