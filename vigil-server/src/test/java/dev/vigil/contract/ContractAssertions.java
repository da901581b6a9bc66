package dev.vigil.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contract.ContractClient.Resp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The envelope and error shapes of API.md §1, checked on a raw response. */
final class ContractAssertions {

  /** The exact 403 message of API.md §1. */
  static final String FORBIDDEN_MSG = "You do not have permissions to access this api endpoint";

  private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

  private ContractAssertions() {}

  /**
   * A 200 list: an array under {@code key} and {@code meta} with numeric offset, max, size and
   * total, size equal to the array's length and total at least size. Returns the array.
   */
  static JsonNode assertList(Resp r, String key) {
    assertJson(r, 200);
    JsonNode items = r.json().get(key);
    assertThat(items).as("list key %s in %s", key, r).isNotNull();
    assertThat(items.isArray()).as("%s is an array: %s", key, r).isTrue();
    JsonNode meta = r.json().get("meta");
    assertThat(meta).as("meta in %s", r).isNotNull();
    for (String f : List.of("offset", "max", "size", "total")) {
      assertThat(meta.path(f).isNumber()).as("meta.%s is a number: %s", f, meta).isTrue();
    }
    assertThat(meta.get("size").asInt()).as("meta.size == length: %s", r).isEqualTo(items.size());
    assertThat(meta.get("total").asLong())
        .as("meta.total >= size")
        .isGreaterThanOrEqualTo(items.size());
    items.forEach(i -> assertThat(i.path("id").isNumber()).as("item id: %s", i).isTrue());
    return items;
  }

  /** A 200 get: the record under {@code key}, with a numeric id. Returns the record. */
  static JsonNode assertGet(Resp r, String key) {
    assertJson(r, 200);
    JsonNode record = r.json().get(key);
    assertThat(record).as("record key %s in %s", key, r).isNotNull();
    assertThat(record.path("id").isNumber()).as("%s.id: %s", key, r).isTrue();
    return record;
  }

  /** A 200 write: {@code success: true} and the record under {@code key} with its id. */
  static JsonNode assertWrite(Resp r, String key) {
    assertJson(r, 200);
    assertThat(r.json().path("success").isBoolean()).as("success in %s", r).isTrue();
    assertThat(r.json().get("success").asBoolean()).as("success in %s", r).isTrue();
    return assertGet(r, key);
  }

  /** A 200 action or delete: {@code success: true}. */
  static void assertSuccess(Resp r) {
    assertJson(r, 200);
    assertThat(r.json().path("success").asBoolean(false)).as("success in %s", r).isTrue();
  }

  /**
   * An error body for {@code status}: 400 {@code success:false, msg, errors{field}} (with {@code
   * field} in errors when given); 404 {@code success:false, msg}; 401 {@code error,
   * error_description} ({@code field} is then the expected {@code error} code); 403 {@code
   * success:false} and the exact message of API.md. Returns the body.
   */
  static JsonNode assertError(Resp r, int status, String field) {
    assertJson(r, status);
    JsonNode b = r.json();
    switch (status) {
      case 401 -> {
        assertThat(b.path("error").asString("")).as("error in %s", r).isNotBlank();
        assertThat(b.path("error_description").asString("")).as("error_description").isNotBlank();
        if (field != null) {
          assertThat(b.get("error").asString()).isEqualTo(field);
        }
      }
      case 403 -> {
        assertThat(b.path("success").isBoolean() && !b.get("success").asBoolean())
            .as("success:false in %s", r)
            .isTrue();
        assertThat(b.path("msg").asString("")).isEqualTo(FORBIDDEN_MSG);
      }
      default -> {
        assertThat(b.path("success").isBoolean() && !b.get("success").asBoolean())
            .as("success:false in %s", r)
            .isTrue();
        assertThat(b.path("msg").asString("")).as("msg in %s", r).isNotBlank();
        if (status == 400) {
          assertThat(b.path("errors").isObject()).as("errors map in %s", r).isTrue();
          if (field != null) {
            assertThat(b.get("errors").path(field).asString(""))
                .as("errors.%s in %s", field, r)
                .isNotBlank();
          }
        }
      }
    }
    return b;
  }

  /** Shorthand for errors that name no field. */
  static JsonNode assertError(Resp r, int status) {
    return assertError(r, status, null);
  }

  /** An ISO-8601 UTC timestamp ending in {@code Z}, e.g. {@code 2024-01-01T00:00:00Z}. */
  static void assertTimestamp(JsonNode value, String what) {
    assertThat(value).as(what).isNotNull();
    assertThat(value.isString()).as("%s is a string: %s", what, value).isTrue();
    assertThat(value.asString()).as(what).matches(ISO_UTC);
    assertThat(Instant.parse(value.asString())).isNotNull();
  }

  /** A null or an ISO-8601 UTC timestamp. */
  static void assertTimestampOrNull(JsonNode value, String what) {
    if (value != null && !value.isNull()) {
      assertTimestamp(value, what);
    }
  }

  /** The {@code name} of every item of a list. */
  static List<String> names(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.path("name").asString()));
    return out;
  }

  /** The {@code id} of every item of a list. */
  static List<Long> ids(JsonNode items) {
    List<Long> out = new ArrayList<>();
    items.forEach(i -> out.add(i.path("id").asLong()));
    return out;
  }

  private static void assertJson(Resp r, int status) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    assertThat(r.contentType()).as("content type of %s", r).startsWith("application/json");
    assertThat(r.json().isObject()).as("a JSON object: %s", r).isTrue();
  }
}
