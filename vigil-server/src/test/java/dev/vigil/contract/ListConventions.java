package dev.vigil.contract;

import static dev.vigil.contract.ContractAssertions.assertError;
import static dev.vigil.contract.ContractAssertions.assertList;
import static dev.vigil.contract.ContractAssertions.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The standard list parameters of API.md §1 on one list endpoint, checked against records the test
 * made: their names all contain {@code marker} (found by {@code phrase}) and nothing else in the
 * database does; names are lower case so that name order is unambiguous.
 */
final class ListConventions {

  private final ContractClient api;
  private final String path;
  private final String key;
  private final String marker;
  private final List<String> names;

  /**
   * @param path the list path, e.g. {@code /api/jobs}
   * @param key the plural key, e.g. {@code jobs}
   * @param marker a word in every name made for this test and in no other record
   * @param names the names of those records (at least three)
   */
  ListConventions(ContractClient api, String path, String key, String marker, List<String> names) {
    assertThat(names).hasSizeGreaterThanOrEqualTo(3).allMatch(n -> n.contains(marker));
    this.api = api;
    this.path = path;
    this.key = key;
    this.marker = marker;
    this.names = names.stream().sorted().toList();
  }

  /** Every check below. */
  void checkAll() {
    exactName();
    phrase();
    maxAndOffset();
    sortAndDirection();
    bareKeysAndUnknownParameters();
    badNumbers();
  }

  /** {@code name} matches exactly: the whole name finds one, a part or another case none. */
  void exactName() {
    String name = names.get(1);
    JsonNode one = assertList(api.get(path + "?name=" + ContractClient.enc(name)), key);
    assertThat(names(one)).containsExactly(name);
    assertThat(meta(path + "?name=" + ContractClient.enc(name)).get("total").asLong()).isOne();
    String part = name.substring(0, name.length() - 1);
    JsonNode none = assertList(api.get(path + "?name=" + ContractClient.enc(part)), key);
    assertThat(none).as("name is exact, not partial").isEmpty();
    assertThat(meta(path + "?name=" + ContractClient.enc(part)).get("total").asLong()).isZero();
    assertThat(assertList(api.get(path + "?name=no-such-" + marker), key)).isEmpty();
  }

  /** {@code phrase} finds every record whose name contains it, whatever its case. */
  void phrase() {
    JsonNode all = assertList(api.get(path + "?phrase=" + marker + "&max=-1"), key);
    assertThat(names(all)).containsExactlyInAnyOrderElementsOf(names);
    JsonNode upper = assertList(api.get(path + "?phrase=" + marker.toUpperCase() + "&max=-1"), key);
    assertThat(upper).hasSameSizeAs(all);
    String middle = names.get(2).substring(1);
    assertThat(names(assertList(api.get(path + "?phrase=" + ContractClient.enc(middle)), key)))
        .contains(names.get(2));
  }

  /** {@code max} limits, {@code max=-1} returns all, {@code offset} skips; meta says so. */
  void maxAndOffset() {
    int n = names.size();
    String q = path + "?phrase=" + marker + "&sort=name&direction=asc";
    JsonNode two = assertList(api.get(q + "&max=2"), key);
    assertThat(names(two)).containsExactlyElementsOf(names.subList(0, 2));
    JsonNode meta = meta(q + "&max=2");
    assertThat(meta.get("max").asInt()).isEqualTo(2);
    assertThat(meta.get("offset").asInt()).isZero();
    assertThat(meta.get("size").asInt()).isEqualTo(2);
    assertThat(meta.get("total").asLong()).isEqualTo(n);
    JsonNode rest = assertList(api.get(q + "&max=2&offset=2"), key);
    assertThat(names(rest)).containsExactlyElementsOf(names.subList(2, Math.min(4, n)));
    assertThat(meta(q + "&max=2&offset=2").get("offset").asInt()).isEqualTo(2);
    assertThat(names(assertList(api.get(q + "&max=-1"), key))).containsExactlyElementsOf(names);
    assertThat(meta(q + "&max=-1").get("total").asLong()).isEqualTo(n);
    assertThat(assertList(api.get(q + "&offset=" + n), key)).isEmpty();
    assertThat(meta(q + "&offset=" + n).get("total").asLong()).isEqualTo(n);
    assertThat(meta(path).get("max").asInt()).as("default max").isEqualTo(25);
    assertThat(meta(path).get("offset").asInt()).as("default offset").isZero();
  }

  /** {@code sort=name} with {@code direction} asc/desc, and the CLI's {@code -S "name desc"}. */
  void sortAndDirection() {
    String q = path + "?phrase=" + marker + "&max=-1";
    List<String> desc = new ArrayList<>(names);
    desc.sort(Comparator.reverseOrder());
    assertThat(names(assertList(api.get(q + "&sort=name&direction=asc"), key)))
        .containsExactlyElementsOf(names);
    assertThat(names(assertList(api.get(q + "&sort=name&direction=desc"), key)))
        .containsExactlyElementsOf(desc);
    assertThat(names(assertList(api.get(q + "&sort=name%20desc"), key)))
        .containsExactlyElementsOf(desc);
  }

  /** Bare keys count as absent; unknown parameters (and {@code -Q} pairs) are ignored. */
  void bareKeysAndUnknownParameters() {
    String q = path + "?phrase=" + marker;
    assertThat(names(assertList(api.get(q + "&name&offset&direction&sort=name"), key)))
        .containsExactlyElementsOf(names);
    assertThat(names(assertList(api.get(path + "?name&max&phrase=" + marker), key)))
        .containsExactlyInAnyOrderElementsOf(names);
    assertThat(
            names(
                assertList(
                    api.get(
                        q
                            + "&sort=name&taskId&workflowId&tags.env=prod&noSuchFilter=1"
                            + "&noSuchFilter=2&internalOnly=false"),
                    key)))
        .containsExactlyElementsOf(names);
    assertThat(names(assertList(api.get(q + "&sort=noSuchProperty"), key)))
        .containsExactlyInAnyOrderElementsOf(names);
  }

  /** A {@code max} or {@code offset} that is not a number is a 400 naming the parameter. */
  void badNumbers() {
    assertError(api.get(path + "?max=lots"), 400, "max");
    assertError(api.get(path + "?offset=x"), 400, "offset");
  }

  private JsonNode meta(String pathAndQuery) {
    return api.get(pathAndQuery).json().get("meta");
  }
}
