package dev.vigil.web.inventory;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ComplianceFilter;
import dev.vigil.compliance.FleetFilter;
import dev.vigil.inventory.ConnectionTests;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.scanning.ConnectionReport;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import dev.vigil.web.inventory.InventoryJson.ConnectionAnswer;
import dev.vigil.web.inventory.InventoryJson.ServerBody;
import dev.vigil.web.inventory.InventoryJson.ServerList;
import dev.vigil.web.inventory.InventoryJson.ServerOne;
import dev.vigil.web.inventory.InventoryJson.ServerSaved;
import dev.vigil.web.inventory.InventoryJson.ServerStats;
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
  ServerList list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    // the servers behind a compliance count (dashboard, Hosts list, rule view); null: all
    Set<Long> only = fleet.serverIds(ComplianceFilter.from(request.getParameterMap()));
    List<Server> page = servers.list(q, only);
    Map<String, ServerStats> stats = new LinkedHashMap<>();
    page.forEach(s -> stats.put(Long.toString(s.id()), InventoryJson.stats(s.lastTest())));
    return new ServerList(
        page.stream().map(InventoryJson::server).toList(),
        stats,
        false,
        Meta.of(q, page.size(), servers.count(q, only)));
  }

  @GetMapping("/api/servers/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  ServerOne get(@PathVariable long id) {
    Server s = servers.get(id);
    return new ServerOne(InventoryJson.server(s), InventoryJson.measured(s.lastTest()));
  }

  @PostMapping("/api/servers")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  ServerSaved create(@RequestBody(required = false) ServerBody body) {
    return new ServerSaved(true, InventoryJson.server(servers.create(InventoryJson.input(body))));
  }

  @PutMapping("/api/servers/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  ServerSaved update(@PathVariable long id, @RequestBody(required = false) ServerBody body) {
    servers.get(id);
    return new ServerSaved(
        true, InventoryJson.server(servers.update(id, InventoryJson.input(body))));
  }

  @DeleteMapping("/api/servers/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  Success delete(@PathVariable long id) {
    servers.delete(id);
    return Success.OK;
  }

  @PutMapping("/api/servers/{id}/accept-host-key")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  ServerSaved acceptHostKey(@PathVariable long id) {
    return new ServerSaved(true, InventoryJson.server(servers.acceptPendingHostKey(id)));
  }

  @PostMapping("/api/servers/{id}/test-connection")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  ConnectionAnswer testConnection(@PathVariable long id) {
    ConnectionReport r = connectionTests.test(id);
    return new ConnectionAnswer(r.ok(), InventoryJson.connection(r));
  }
}
