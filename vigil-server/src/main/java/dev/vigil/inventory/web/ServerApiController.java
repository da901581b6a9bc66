package dev.vigil.inventory.web;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.inventory.ConnectionTests;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerInput;
import dev.vigil.inventory.ServerService;
import dev.vigil.results.ComplianceFilter;
import dev.vigil.results.FleetFilter;
import dev.vigil.scanning.ConnectionReport;
import dev.vigil.web.ApiController;
import dev.vigil.web.JsonBody;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * {@code /api/servers}: Morpheus-shaped server list (with usage stats from the last connection
 * test), CRUD, accepting a changed host key, and the connection test.
 */
@ApiController
class ServerApiController {

  private static final String KEY = "server";

  private final ServerService servers;
  private final ConnectionTests connectionTests;
  private final FleetFilter fleet;

  ServerApiController(ServerService servers, ConnectionTests connectionTests, FleetFilter fleet) {
    this.servers = servers;
    this.connectionTests = connectionTests;
    this.fleet = fleet;
  }

  @GetMapping("/api/servers")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  Map<String, Object> list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    // the servers behind a compliance count (dashboard, Hosts list, rule view); null: all
    Set<Long> only = fleet.serverIds(ComplianceFilter.from(request.getParameterMap()));
    List<Server> page = servers.list(q, only);
    Map<String, Object> stats = new LinkedHashMap<>();
    page.forEach(s -> stats.put(Long.toString(s.id()), InventoryJson.stats(s.lastTest())));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("servers", page.stream().map(InventoryJson::server).toList());
    m.put("stats", stats);
    m.put("multiTenant", false);
    m.put("meta", Meta.of(q, page.size(), servers.count(q, only)));
    return m;
  }

  @GetMapping("/api/servers/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  Map<String, Object> get(@PathVariable long id) {
    Server s = servers.get(id);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(KEY, InventoryJson.server(s));
    m.put("stats", InventoryJson.measured(s.lastTest()));
    return m;
  }

  @PostMapping("/api/servers")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body) {
    return InventoryJson.saved(KEY, InventoryJson.server(servers.create(input(body))));
  }

  @PutMapping("/api/servers/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> update(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    servers.get(id);
    return InventoryJson.saved(KEY, InventoryJson.server(servers.update(id, input(body))));
  }

  @DeleteMapping("/api/servers/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    servers.delete(id);
    return Map.of("success", true);
  }

  @PutMapping("/api/servers/{id}/accept-host-key")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> acceptHostKey(@PathVariable long id) {
    return InventoryJson.saved(KEY, InventoryJson.server(servers.acceptPendingHostKey(id)));
  }

  @PostMapping("/api/servers/{id}/test-connection")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Map<String, Object> testConnection(@PathVariable long id) {
    ConnectionReport r = connectionTests.test(id);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", r.ok());
    m.put("connection", InventoryJson.connection(r));
    return m;
  }

  static ServerInput input(Map<String, Object> body) {
    JsonBody json = JsonBody.of(body, KEY);
    Map<?, ?> raw = Refs.inner(body, KEY);
    boolean credentialGiven = raw.containsKey("credential") || raw.containsKey("credentialId");
    Object ref = raw.containsKey("credential") ? raw.get("credential") : raw.get("credentialId");
    ServerInput in =
        new ServerInput(
            json.string("name"),
            json.string("sshHost"),
            json.string("sshPort"),
            json.string("sshUsername"),
            credentialGiven ? Refs.id(ref, "credential") : null,
            credentialGiven,
            json.codeOrString("privilegeMode"),
            json.codeOrString("connectionType"),
            json.string("hostKeyFingerprint"),
            json.strings("labels"),
            json.string("description"));
    json.finish("Unable to save server");
    return in;
  }
}
