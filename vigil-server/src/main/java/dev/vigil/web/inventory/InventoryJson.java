package dev.vigil.web.inventory;

import dev.vigil.inventory.ConnectionType;
import dev.vigil.inventory.Credential;
import dev.vigil.inventory.CredentialInput;
import dev.vigil.inventory.Instance;
import dev.vigil.inventory.InstanceInput;
import dev.vigil.inventory.LastTest;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerInput;
import dev.vigil.scanning.ConnectionReport;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.web.IdRef;
import dev.vigil.web.JsonBody;
import dev.vigil.web.LenientReaders;
import dev.vigil.web.Meta;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/** Inventory records and bodies as typed records in Morpheus shapes; never a secret. */
final class InventoryJson {

  private InventoryJson() {}

  /** {@code {"id": 5, "name": "web01"}}. */
  @Schema(name = "InventoryRef")
  record Ref(long id, String name) {}

  /** Morpheus's type of a server or instance: {@code {"name": "Linux", "code": "linux"}}. */
  @Schema(name = "InventoryTypeName")
  record TypeName(String name, String code) {}

  /** A credential as the API shows it: never a secret. */
  record CredentialRecord(
      long id,
      String name,
      CredentialTypeJson.Ref type,
      boolean enabled,
      String username,
      String fingerprint,
      String updatedBy,
      String dateCreated,
      String lastUpdated) {}

  /** A server as the API shows it. */
  record ServerRecord(
      long id,
      String name,
      String sshHost,
      int sshPort,
      String sshUsername,
      Ref credential,
      String privilegeMode,
      String connectionType,
      String hostKeyFingerprint,
      boolean hostKeyExpected,
      String pendingHostKey,
      List<String> labels,
      String description,
      String status,
      String powerState,
      TypeName computeServerType,
      String externalIp,
      List<Long> containers,
      ServerStats stats,
      LastTestRecord lastConnectionTest,
      String dateCreated,
      String lastUpdated) {}

  /**
   * A server's usage as the last connection test measured it: in lists zeros for what was not
   * measured, in {@code GET /api/servers/{id}} nulls.
   */
  record ServerStats(
      Long usedMemory,
      Long maxMemory,
      Long freeMemory,
      Long usedStorage,
      Long maxStorage,
      Double cpuUsage) {}

  /** The last connection test of a server. */
  record LastTestRecord(
      String testedAt,
      boolean success,
      String error,
      String os,
      String oscapVersion,
      String privilege,
      Long freeBytes) {}

  /** What a connection test found. */
  record ConnectionRecord(
      boolean reachable,
      String hostKey,
      boolean authenticated,
      String os,
      String oscapVersion,
      String privilege,
      Long freeBytes,
      String reason,
      String error) {}

  /** An instance (a named group of servers) as the API shows it. */
  record InstanceRecord(
      long id,
      String name,
      String description,
      List<String> labels,
      TypeName instanceType,
      List<Long> containers,
      List<Ref> servers,
      String status,
      String dateCreated,
      String lastUpdated) {}

  /** {@code GET /api/servers}: {@code stats} by server id. */
  record ServerList(
      List<ServerRecord> servers, Map<String, ServerStats> stats, boolean multiTenant, Meta meta) {}

  /** {@code GET /api/servers/{id}}: the server and its measured {@code stats}. */
  record ServerOne(ServerRecord server, ServerStats stats) {}

  /** A created or updated server. */
  record ServerSaved(boolean success, ServerRecord server) {}

  /** {@code POST /api/servers/{id}/test-connection}. */
  record ConnectionAnswer(boolean success, ConnectionRecord connection) {}

  /** {@code GET /api/instances} ({@code stats} always empty). */
  record InstanceList(List<InstanceRecord> instances, Map<String, ServerStats> stats, Meta meta) {}

  /** {@code GET /api/instances/{id}}. */
  record InstanceOne(InstanceRecord instance) {}

  /** A created or updated instance. */
  record InstanceSaved(boolean success, InstanceRecord instance) {}

  /** {@code GET /api/credentials}. */
  record CredentialList(List<CredentialRecord> credentials, Meta meta) {}

  /** {@code GET /api/credentials/{id}}. */
  record CredentialOne(CredentialRecord credential) {}

  /** A created or updated credential. */
  record CredentialSaved(boolean success, CredentialRecord credential) {}

  /** The fields of {@code {"server": {...}}}; null means not given (kept on update). */
  @Schema(name = "ServerRequest")
  record ServerRequest(
      String name,
      String sshHost,
      @Schema(description = "a number, or its text") String sshPort,
      String sshUsername,
      @Schema(description = "null removes the credential") IdRef credential,
      @Schema(description = "the credential's id, when credential is not given") IdRef credentialId,
      @Schema(description = "root or sudo") @JsonDeserialize(using = LenientReaders.Code.class)
          String privilegeMode,
      @Schema(description = "ssh or local") @JsonDeserialize(using = LenientReaders.Code.class)
          String connectionType,
      String hostKeyFingerprint,
      @JsonDeserialize(using = LenientReaders.Strings.class) List<String> labels,
      String description) {}

  @Schema(name = "ServerBody")
  record ServerBody(ServerRequest server) {}

  /** The fields of {@code {"instance": {...}}}. */
  @Schema(name = "InstanceRequest")
  record InstanceRequest(
      String name,
      String description,
      @JsonDeserialize(using = LenientReaders.Strings.class) List<String> labels,
      List<IdRef> servers) {}

  @Schema(name = "InstanceBody")
  record InstanceBody(InstanceRequest instance) {}

  /** The fields of {@code {"credential": {...}}}; secrets left out keep the stored ones. */
  @Schema(name = "CredentialRequest")
  record CredentialRequest(
      String name,
      @Schema(description = "username-keypair or username-password, or {\"code\": ...}")
          @JsonDeserialize(using = LenientReaders.Code.class)
          String type,
      String username,
      String password,
      String privateKey,
      String passphrase,
      @Schema(description = "false is refused: a credential is always enabled") Boolean enabled) {}

  @Schema(name = "CredentialBody")
  record CredentialBody(CredentialRequest credential) {}

  static CredentialRecord credential(Credential c) {
    return new CredentialRecord(
        c.id(),
        c.name(),
        CredentialTypeJson.ref(c.type()),
        true,
        c.username(),
        c.keyFingerprint(),
        c.updatedBy(),
        time(c.createdAt()),
        time(c.updatedAt()));
  }

  static ServerRecord server(Server s) {
    return new ServerRecord(
        s.id(),
        s.name(),
        s.sshHost(),
        s.sshPort(),
        s.sshUsername(),
        s.credentialId() == null ? null : new Ref(s.credentialId(), s.credentialName()),
        s.privilegeMode().code(),
        s.connectionType().code(),
        s.hostKeyFingerprint(),
        s.hostKeyExpected(),
        s.pendingHostKey(),
        s.labels(),
        s.description(),
        "provisioned",
        powerState(s),
        new TypeName("Linux", "linux"),
        s.sshHost(),
        List.of(s.id()),
        stats(s.lastTest()),
        lastTest(s.lastTest()),
        time(s.createdAt()),
        time(s.updatedAt()));
  }

  /**
   * Usage for lists, zeros for what was not measured: {@code hosts list} adds used and free memory
   * when {@code maxMemory} is null (cli/commands/hosts.rb:257-258) and would fail on nulls.
   */
  static ServerStats stats(LastTest t) {
    long maxMem = t == null ? 0 : zero(t.memTotal());
    long freeMem = t == null ? 0 : zero(t.memFree());
    long maxDisk = t == null ? 0 : zero(t.diskTotal());
    long freeDisk = t == null ? 0 : zero(t.diskFree());
    return new ServerStats(
        maxMem - freeMem,
        maxMem,
        freeMem,
        maxDisk - freeDisk,
        maxDisk,
        t == null || t.cpuUsage() == null ? 0.0 : t.cpuUsage());
  }

  /**
   * The top-level {@code stats} of one server ({@code hosts get}, {@code hosts stats}): what the
   * last connection test measured, every field null when it measured nothing.
   */
  static ServerStats measured(LastTest t) {
    Long maxMem = t == null ? null : t.memTotal();
    Long freeMem = t == null ? null : t.memFree();
    Long maxDisk = t == null ? null : t.diskTotal();
    Long freeDisk = t == null ? null : t.diskFree();
    return new ServerStats(
        maxMem == null || freeMem == null ? null : maxMem - freeMem,
        maxMem,
        freeMem,
        maxDisk == null || freeDisk == null ? null : maxDisk - freeDisk,
        maxDisk,
        t == null ? null : t.cpuUsage());
  }

  /** "on" when Vigil reached the server (a local one always), "unknown" until then. */
  private static String powerState(Server s) {
    boolean reached =
        s.connectionType() == ConnectionType.LOCAL || s.lastTest() != null && s.lastTest().ok();
    return reached ? "on" : "unknown";
  }

  static LastTestRecord lastTest(LastTest t) {
    if (t == null) {
      return null;
    }
    return new LastTestRecord(
        time(t.testedAt()),
        t.ok(),
        t.error(),
        t.osName(),
        t.oscapVersion(),
        t.privilege(),
        t.freeBytes());
  }

  static ConnectionRecord connection(ConnectionReport r) {
    return new ConnectionRecord(
        r.reachable(),
        r.hostKey(),
        r.authenticated(),
        r.os(),
        r.oscapVersion(),
        r.privilege(),
        r.freeBytes(),
        r.reason() == null ? null : r.reason().code(),
        r.error());
  }

  static InstanceRecord instance(Instance i) {
    return new InstanceRecord(
        i.id(),
        i.name(),
        i.description(),
        i.labels(),
        new TypeName("Server group", "server-group"),
        i.servers().stream().map(s -> s.id()).toList(),
        i.servers().stream().map(s -> new Ref(s.id(), s.name())).toList(),
        "running",
        time(i.createdAt()),
        time(i.updatedAt()));
  }

  static ServerInput input(ServerBody body) {
    if (body == null || body.server() == null) {
      throw JsonBody.missing("server");
    }
    ServerRequest r = body.server();
    IdRef ref = r.credential() != null ? r.credential() : r.credentialId();
    return new ServerInput(
        r.name(),
        r.sshHost(),
        r.sshPort(),
        r.sshUsername(),
        ref == null ? null : ref.id(),
        ref != null,
        r.privilegeMode(),
        r.connectionType(),
        r.hostKeyFingerprint(),
        r.labels(),
        r.description());
  }

  static InstanceInput input(InstanceBody body) {
    if (body == null || body.instance() == null) {
      throw JsonBody.missing("instance");
    }
    InstanceRequest r = body.instance();
    List<Long> servers =
        r.servers() == null
            ? null
            : r.servers().stream().map(s -> s == null ? 0L : s.id()).toList();
    return new InstanceInput(r.name(), r.description(), r.labels(), servers);
  }

  static CredentialInput input(CredentialBody body) {
    if (body == null || body.credential() == null) {
      throw JsonBody.missing("credential");
    }
    CredentialRequest r = body.credential();
    if (Boolean.FALSE.equals(r.enabled())) {
      throw new InvalidInputException(
          "Unable to save credential",
          Map.of("enabled", "a Vigil credential is always enabled; remove it from its servers"));
    }
    return new CredentialInput(
        r.name(), r.type(), r.username(), r.password(), r.privateKey(), r.passphrase());
  }

  private static long zero(Long v) {
    return v == null ? 0 : v;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
