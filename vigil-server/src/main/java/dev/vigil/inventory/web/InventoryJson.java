package dev.vigil.inventory.web;

import dev.vigil.inventory.ConnectionType;
import dev.vigil.inventory.Credential;
import dev.vigil.inventory.Instance;
import dev.vigil.inventory.LastTest;
import dev.vigil.inventory.Server;
import dev.vigil.scanning.ConnectionReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders inventory records in Morpheus shapes; never a secret. */
final class InventoryJson {

  private InventoryJson() {}

  static Map<String, Object> credential(Credential c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", c.name());
    m.put("type", CredentialTypeJson.ref(c.type()));
    m.put("enabled", true);
    m.put("username", c.username());
    m.put("fingerprint", c.keyFingerprint());
    m.put("updatedBy", c.updatedBy());
    m.put("dateCreated", time(c.createdAt()));
    m.put("lastUpdated", time(c.updatedAt()));
    return m;
  }

  static Map<String, Object> server(Server s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("sshHost", s.sshHost());
    m.put("sshPort", s.sshPort());
    m.put("sshUsername", s.sshUsername());
    m.put(
        "credential", s.credentialId() == null ? null : ref(s.credentialId(), s.credentialName()));
    m.put("privilegeMode", s.privilegeMode().code());
    m.put("connectionType", s.connectionType().code());
    m.put("hostKeyFingerprint", s.hostKeyFingerprint());
    m.put("hostKeyExpected", s.hostKeyExpected());
    m.put("pendingHostKey", s.pendingHostKey());
    m.put("labels", s.labels());
    m.put("description", s.description());
    m.put("status", "provisioned");
    m.put("powerState", powerState(s));
    m.put("computeServerType", Map.of("name", "Linux", "code", "linux"));
    m.put("externalIp", s.sshHost());
    m.put("containers", List.of(s.id()));
    m.put("stats", stats(s.lastTest()));
    m.put("lastConnectionTest", lastTest(s.lastTest()));
    m.put("dateCreated", time(s.createdAt()));
    m.put("lastUpdated", time(s.updatedAt()));
    return m;
  }

  /**
   * Usage for lists, zeros for what was not measured: {@code hosts list} adds used and free memory
   * when {@code maxMemory} is null (cli/commands/hosts.rb:257-258) and would fail on nulls.
   */
  static Map<String, Object> stats(LastTest t) {
    long maxMem = t == null ? 0 : zero(t.memTotal());
    long freeMem = t == null ? 0 : zero(t.memFree());
    long maxDisk = t == null ? 0 : zero(t.diskTotal());
    long freeDisk = t == null ? 0 : zero(t.diskFree());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("usedMemory", maxMem - freeMem);
    m.put("maxMemory", maxMem);
    m.put("freeMemory", freeMem);
    m.put("usedStorage", maxDisk - freeDisk);
    m.put("maxStorage", maxDisk);
    m.put("cpuUsage", t == null || t.cpuUsage() == null ? 0 : t.cpuUsage());
    return m;
  }

  /**
   * The top-level {@code stats} of one server ({@code hosts get}, {@code hosts stats}): what the
   * last connection test measured, every field null when it measured nothing.
   */
  static Map<String, Object> measured(LastTest t) {
    Long maxMem = t == null ? null : t.memTotal();
    Long freeMem = t == null ? null : t.memFree();
    Long maxDisk = t == null ? null : t.diskTotal();
    Long freeDisk = t == null ? null : t.diskFree();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("usedMemory", maxMem == null || freeMem == null ? null : maxMem - freeMem);
    m.put("maxMemory", maxMem);
    m.put("freeMemory", freeMem);
    m.put("usedStorage", maxDisk == null || freeDisk == null ? null : maxDisk - freeDisk);
    m.put("maxStorage", maxDisk);
    m.put("cpuUsage", t == null ? null : t.cpuUsage());
    return m;
  }

  /** "on" when Vigil reached the server (a local one always), "unknown" until then. */
  private static String powerState(Server s) {
    boolean reached =
        s.connectionType() == ConnectionType.LOCAL || s.lastTest() != null && s.lastTest().ok();
    return reached ? "on" : "unknown";
  }

  static Map<String, Object> lastTest(LastTest t) {
    if (t == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("testedAt", time(t.testedAt()));
    m.put("success", t.ok());
    m.put("error", t.error());
    m.put("os", t.osName());
    m.put("oscapVersion", t.oscapVersion());
    m.put("privilege", t.privilege());
    m.put("freeBytes", t.freeBytes());
    return m;
  }

  static Map<String, Object> connection(ConnectionReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reachable", r.reachable());
    m.put("hostKey", r.hostKey());
    m.put("authenticated", r.authenticated());
    m.put("os", r.os());
    m.put("oscapVersion", r.oscapVersion());
    m.put("privilege", r.privilege());
    m.put("freeBytes", r.freeBytes());
    m.put("reason", r.reason() == null ? null : r.reason().code());
    m.put("error", r.error());
    return m;
  }

  static Map<String, Object> instance(Instance i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("name", i.name());
    m.put("description", i.description());
    m.put("labels", i.labels());
    m.put("instanceType", Map.of("name", "Server group", "code", "server-group"));
    m.put("containers", i.servers().stream().map(s -> s.id()).toList());
    m.put("servers", i.servers().stream().map(s -> ref(s.id(), s.name())).toList());
    m.put("status", "running");
    m.put("dateCreated", time(i.createdAt()));
    m.put("lastUpdated", time(i.updatedAt()));
    return m;
  }

  static Map<String, Object> ref(long id, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    return m;
  }

  static Map<String, Object> saved(String key, Object record) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", true);
    m.put(key, record);
    return m;
  }

  private static long zero(Long v) {
    return v == null ? 0 : v;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
