package dev.vigil.contract;

import static dev.vigil.contract.ContractClient.id;
import static org.awaitility.Awaitility.await;

import dev.vigil.contract.ContractClient.Resp;
import dev.vigil.testsupport.ScanFixtures;
import dev.vigil.testsupport.SharedDatabaseReset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Real content made once per running server through the API: two ready packages of the nine-results
 * datastream, two local servers, and on demand three executed jobs' scans.
 */
final class ContractFixture {

  private static final Map<String, ContractFixture> BY_PORT = new ConcurrentHashMap<>();
  private static final Set<String> ENDED = Set.of("complete", "failed", "cancelled");

  final ContractClient admin;
  final String scanPath;
  final long packageA;
  final long packageB;
  final long local1;
  final long local2;
  private Scans scans;

  /** What the executed jobs made. */
  record Scans(long jobA, long jobB, List<Long> executionsA, long executionB) {}

  private ContractFixture(ContractClient admin, Path root) {
    this.admin = admin;
    Path ds = datastream(root);
    this.scanPath = ds.getFileName().toString();
    this.packageA = readyPackage("ctrfix-nine-a", ds);
    this.packageB = readyPackage("ctrfix-nine-b", ds);
    this.local1 = localServer("ctrfix-local-1");
    this.local2 = localServer("ctrfix-local-2");
  }

  /**
   * The fixture of the server on {@code port}, made on first use after each reset of its database
   * (skips without oscap).
   */
  static synchronized ContractFixture of(int port, ContractClient admin, Path root) {
    ScanFixtures.requireScanning();
    // a reset of the shared database (before a class of another family) takes the records away
    return BY_PORT.computeIfAbsent(
        port + "/" + SharedDatabaseReset.generation(), p -> new ContractFixture(admin, root));
  }

  /**
   * Job A (package A, both servers) executed twice and job B (package B, server 1) once, all ended:
   * five scans.
   */
  synchronized Scans scans() {
    if (scans == null) {
      long a = job("ctrfix-job-a", packageA, List.of(local1, local2));
      long b = job("ctrfix-job-b", packageB, List.of(local1));
      long a1 = execute(a);
      awaitEnd(a1);
      long a2 = execute(a);
      long b1 = execute(b);
      awaitEnd(a2);
      awaitEnd(b1);
      scans = new Scans(a, b, List.of(a1, a2), b1);
    }
    return scans;
  }

  /** A manual scan job of {@code pkg} on {@code servers}. */
  long job(String name, long pkg, List<Long> servers) {
    return id(admin.post("/api/jobs", jobBody(name, pkg, servers, "")), "job");
  }

  /** The create body the CLI sends, plus {@code extra} fields (starting with a comma). */
  String jobBody(String name, long pkg, List<Long> servers, String extra) {
    String targets =
        servers.stream().map(s -> "{\"refId\":" + s + "}").collect(Collectors.joining(","));
    return "{\"job\":{\"targetType\":\"server\",\"targets\":["
        + targets
        + "],\"securityPackage\":{\"id\":"
        + pkg
        + "},\"scanPath\":\""
        + scanPath
        + "\",\"securityProfile\":\""
        + ScanFixtures.NINE_PROFILE
        + "\",\"name\":\""
        + name
        + "\",\"scheduleMode\":\"manual\""
        + extra
        + "}}";
  }

  long execute(long job) {
    Resp r = admin.put("/api/jobs/" + job + "/execute", "{}");
    if (r.status() != 200) {
      throw new AssertionError("execute " + job + ": " + r);
    }
    return r.json().get("jobExecution").get("id").asLong();
  }

  JsonNode awaitEnd(long execution) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              last[0] = admin.get("/api/job-executions/" + execution).json().get("jobExecution");
              return ENDED.contains(last[0].get("status").asString());
            });
    return last[0];
  }

  private long readyPackage(String name, Path ds) {
    long id =
        id(
            admin.post(
                "/api/security-packages",
                "{\"securityPackage\":{\"name\":\""
                    + name
                    + "\",\"url\":"
                    + ContractClient.JSON.writeValueAsString(ds.toUri().toString())
                    + "}}"),
            "securityPackage");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                admin
                    .get("/api/security-packages/" + id)
                    .json()
                    .get("securityPackage")
                    .get("status")
                    .asString()
                    .equals("ready"));
    return id;
  }

  private long localServer(String name) {
    return id(
        admin.post(
            "/api/servers",
            "{\"server\":{\"name\":\""
                + name
                + "\",\"connectionType\":\"local\",\"sshHost\":\"localhost\","
                + "\"privilegeMode\":\"root\"}}"),
        "server");
  }

  private static Path datastream(Path root) {
    try {
      Path dir = Files.createDirectories(root.resolve("nine"));
      return ScanFixtures.nineResultsDatastream(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }
}
