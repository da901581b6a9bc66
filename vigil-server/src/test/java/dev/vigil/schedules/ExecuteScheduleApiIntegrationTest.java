package dev.vigil.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ApiClient;
import dev.vigil.testsupport.ApiClient.Response;
import dev.vigil.testsupport.VigilSystemTest;
import dev.vigil.testsupport.VigilSystemTestWithoutScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Morpheus-shaped execute schedule API: envelopes, list conventions, next fire times, 400 while
 * in use, and a 400 with {@code errors.<field>} for every kind of bad input, writing nothing.
 */
@VigilSystemTestWithoutScheduler
class ExecuteScheduleApiIntegrationTest {

  private static final String BASE = "/api/execute-schedules";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  ApiClient api;

  @BeforeEach
  void login() {
    api = new ApiClient(port).login("admin", VigilSystemTest.ADMIN_PASSWORD);
    jdbc.sql("delete from execute_schedules").update();
    TestScheduleUsage.USERS.clear();
  }

  @Test
  void createAsTheCliSendsItReturnsTheRecordAndGetFindsIt() {
    Response r =
        create(
            "{\"schedule\":{\"scheduleType\":\"execute\",\"description\":\"2am\","
                + "\"cron\":\"0 2 * * *\",\"scheduleTimezone\":\"America/New_York\","
                + "\"enabled\":true,\"name\":\"Nightly\",\"unknownKey\":1}}");
    assertThat(r.json().get("success").asBoolean()).isTrue();
    JsonNode s = r.json().get("schedule");
    assertThat(s.get("name").asString()).isEqualTo("Nightly");
    assertThat(s.get("visibility").asString()).isEqualTo("private");
    assertThat(s.get("scheduleType").asString()).isEqualTo("execute");
    assertThat(s.get("scheduleTimezone").asString()).isEqualTo("America/New_York");
    assertThat(s.get("cron").asString()).isEqualTo("0 2 * * *");
    assertThat(s.get("dateCreated").asString()).endsWith("Z");
    assertNextFiresAreFiveIncreasingInstantsOnTheHour(s.get("nextFires"));
    JsonNode got = api.get(BASE + "/" + s.get("id").asLong()).json();
    assertThat(got.get("schedule").get("description").asString()).isEqualTo("2am");
    assertThat(got.get("servers")).isEmpty();
    assertThat(got.get("instances")).isEmpty();
  }

  @Test
  void createWithOnlyANameUsesMorpheusDefaults() {
    JsonNode s = create("{\"schedule\":{\"name\":\"defaults\"}}").json().get("schedule");
    assertThat(s.get("cron").asString()).isEqualTo("0 0 * * *");
    assertThat(s.get("scheduleTimezone").asString()).isEqualTo("UTC");
    assertThat(s.get("enabled").asBoolean()).isTrue();
    assertThat(s.get("description").isNull()).isTrue();
    assertNextFiresAreFiveIncreasingInstantsOnTheHour(s.get("nextFires"));
    assertThat(s.get("nextFires").get(0).asString()).endsWith("T00:00:00Z");
  }

  @Test
  void listSupportsExactNamePhraseMaxAllSortAndIgnoresBareAndUnknownKeys() {
    for (String n : List.of("alpha", "alphabet", "beta")) {
      create("{\"schedule\":{\"name\":\"" + n + "\",\"description\":\"about " + n + "\"}}");
    }
    assertThat(names(BASE + "?name=alpha")).containsExactly("alpha");
    assertThat(names(BASE + "?phrase=ALPHA")).containsExactly("alpha", "alphabet");
    assertThat(names(BASE + "?phrase=about%20beta")).containsExactly("beta");
    assertThat(names(BASE + "?max=-1&name&phrase&foo=bar"))
        .containsExactly("alpha", "alphabet", "beta");
    JsonNode page = api.get(BASE + "?max=1&offset=1&sort=name&direction=desc").json();
    assertThat(page.get("schedules").get(0).get("name").asString()).isEqualTo("alphabet");
    assertThat(page.get("meta").get("total").asInt()).isEqualTo(3);
    assertThat(page.get("meta").get("size").asInt()).isEqualTo(1);
    assertThat(page.get("meta").get("max").asInt()).isEqualTo(1);
    assertThat(page.get("meta").get("offset").asInt()).isEqualTo(1);
    assertThat(api.get(BASE + "?max=-1").json().get("meta").get("max").asInt()).isEqualTo(-1);
    assertThat(names(BASE + "?name=nothing")).isEmpty();
    assertThat(api.get(BASE + "?max=abc").status()).isEqualTo(400);
  }

  @Test
  void updateChangesOnlyWhatIsSentAndDeleteRemoves() {
    long id =
        id(
            create(
                "{\"schedule\":{\"name\":\"u\",\"description\":\"old\",\"cron\":\"5 4 * * *\"}}"));
    Response r =
        api.put(
            BASE + "/" + id,
            "{\"schedule\":{\"enabled\":false,\"scheduleTimezone\":\"Europe/Berlin\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("success").asBoolean()).isTrue();
    JsonNode s = r.json().get("schedule");
    assertThat(s.get("enabled").asBoolean()).isFalse();
    assertThat(s.get("scheduleTimezone").asString()).isEqualTo("Europe/Berlin");
    assertThat(s.get("description").asString()).isEqualTo("old");
    assertThat(s.get("cron").asString()).isEqualTo("5 4 * * *");
    assertThat(api.put(BASE + "/" + id, "{\"schedule\":{\"name\":\"u\"}}").status()).isEqualTo(200);
    assertThat(api.delete(BASE + "/" + id).json().get("success").asBoolean()).isTrue();
    assertThat(api.get(BASE + "/" + id).status()).isEqualTo(404);
    assertThat(api.delete(BASE + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void badFieldsGet400WithFieldErrorsAndWriteNothing() {
    create("{\"schedule\":{\"name\":\"taken\"}}");
    String[][] cases = {
      {"{\"schedule\":{\"cron\":\"0 2 * * *\"}}", "name", "is required"},
      {"{\"schedule\":{\"name\":\"  \"}}", "name", "is required"},
      {"{\"schedule\":{\"name\":\"TAKEN\"}}", "name", "must be unique"},
      {"{\"schedule\":{\"name\":\"x\",\"cron\":\"0 2 * *\"}}", "cron", "must have 5 fields"},
      {"{\"schedule\":{\"name\":\"x\",\"cron\":\"0 0 2 * * *\"}}", "cron", "must have 5 fields"},
      {"{\"schedule\":{\"name\":\"x\",\"cron\":\"0 25 * * *\"}}", "cron", "invalid cron: "},
      {
        "{\"schedule\":{\"name\":\"x\",\"scheduleTimezone\":\"Mars/Base\"}}",
        "scheduleTimezone",
        "unknown time zone 'Mars/Base'"
      },
      {"{\"schedule\":{\"name\":\"x\",\"scheduleType\":\"power\"}}", "scheduleType", "execute"},
      {"{\"schedule\":{\"name\":\"x\",\"enabled\":\"maybe\"}}", "enabled", "true or false"},
      {"{\"schedule\":{\"name\":{\"a\":1}}}", "name", "must be a string"}
    };
    for (String[] c : cases) {
      Response r = api.post(BASE, c[0]);
      assertThat(r.status()).as(c[0]).isEqualTo(400);
      assertThat(r.json().get("success").asBoolean()).isFalse();
      assertThat(r.json().get("msg").asString()).isNotBlank();
      assertThat(r.json().get("errors").get(c[1]).asString()).as(c[0]).contains(c[2]);
    }
    for (String body : List.of("not json", "[]", "{}", "{\"schedule\":5}")) {
      assertThat(api.post(BASE, body).status()).as(body).isEqualTo(400);
    }
    assertThat(names(BASE + "?max=-1")).containsExactly("taken");
  }

  @Test
  void badUpdateGets400AndChangesNothing() {
    create("{\"schedule\":{\"name\":\"other\"}}");
    long id = id(create("{\"schedule\":{\"name\":\"keep\",\"cron\":\"1 1 * * *\"}}"));
    Response r =
        api.put(
            BASE + "/" + id,
            "{\"schedule\":{\"name\":\"other\",\"cron\":\"1 1 1\",\"scheduleTimezone\":\"Nowhere\"}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("name", "cron", "scheduleTimezone");
    JsonNode s = api.get(BASE + "/" + id).json().get("schedule");
    assertThat(s.get("name").asString()).isEqualTo("keep");
    assertThat(s.get("cron").asString()).isEqualTo("1 1 * * *");
    assertThat(api.put(BASE + "/999999", "{\"schedule\":{\"name\":\"z\"}}").status())
        .isEqualTo(404);
    assertThat(api.get(BASE + "/abc").status()).isEqualTo(400);
  }

  @Test
  void eachBadFieldOfAnUpdateAloneIs400AndChangesNothing() {
    long id =
        id(
            create(
                "{\"schedule\":{\"name\":\"steady\",\"cron\":\"1 1 * * *\","
                    + "\"scheduleTimezone\":\"Europe/Berlin\"}}"));
    JsonNode before = api.get(BASE + "/" + id).json().get("schedule");
    String[][] cases = {
      {"{\"schedule\":{\"cron\":\"0 2 * *\"}}", "cron"},
      {"{\"schedule\":{\"cron\":\"61 2 * * *\"}}", "cron"},
      {"{\"schedule\":{\"cron\":\"\"}}", "cron"},
      {"{\"schedule\":{\"scheduleTimezone\":\"Mars/Base\"}}", "scheduleTimezone"},
      {"{\"schedule\":{\"scheduleTimezone\":\"\"}}", "scheduleTimezone"},
      {"{\"schedule\":{\"scheduleType\":\"power\"}}", "scheduleType"},
      {"{\"schedule\":{\"enabled\":\"maybe\"}}", "enabled"},
      {"{\"schedule\":{\"name\":\" \"}}", "name"}
    };
    for (String[] c : cases) {
      Response r = api.put(BASE + "/" + id, c[0]);
      assertThat(r.status()).as(c[0] + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().get("errors").has(c[1])).as(c[0] + ": " + r.body()).isTrue();
    }
    JsonNode after = api.get(BASE + "/" + id).json().get("schedule");
    assertThat(after.get("cron")).isEqualTo(before.get("cron"));
    assertThat(after.get("scheduleTimezone")).isEqualTo(before.get("scheduleTimezone"));
    assertThat(after.get("lastUpdated")).isEqualTo(before.get("lastUpdated"));
    assertThat(after.get("enabled")).isEqualTo(before.get("enabled"));
    assertThat(after.get("name")).isEqualTo(before.get("name"));
  }

  @Test
  void deleteWhileInUseIs400NamingTheUsersAndKeepsTheSchedule() {
    long id = id(create("{\"schedule\":{\"name\":\"busy\"}}"));
    TestScheduleUsage.USERS.put(id, List.of("job nightly-scan", "job weekly-scan"));
    Response r = api.delete(BASE + "/" + id);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("msg").asString())
        .contains("busy")
        .contains("job nightly-scan")
        .contains("job weekly-scan");
    assertThat(api.get(BASE + "/" + id).status()).isEqualTo(200);
  }

  private static void assertNextFiresAreFiveIncreasingInstantsOnTheHour(JsonNode fires) {
    assertThat(fires).hasSize(5);
    Instant previous = Instant.MIN;
    for (JsonNode f : fires) {
      Instant t = Instant.parse(f.asString());
      assertThat(f.asString()).endsWith("Z");
      assertThat(t).isAfter(previous);
      assertThat(t.getEpochSecond() % 3600).isZero();
      previous = t;
    }
  }

  private Response create(String body) {
    Response r = api.post(BASE, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r;
  }

  private static long id(Response r) {
    return r.json().get("schedule").get("id").asLong();
  }

  private List<String> names(String path) {
    List<String> out = new ArrayList<>();
    api.get(path).json().get("schedules").forEach(s -> out.add(s.get("name").asString()));
    return out;
  }
}
