package dev.vigil.schedules.web;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.inventory.InstanceService;
import dev.vigil.inventory.ServerService;
import dev.vigil.schedules.ExecuteSchedule;
import dev.vigil.schedules.ScheduleMember;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.web.ApiController;
import dev.vigil.web.InvalidInputException;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Meta;
import dev.vigil.web.NotFoundException;
import dev.vigil.web.UnknownIds;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** {@code /api/execute-schedules}: Morpheus-compatible CRUD plus the member calls. */
@ApiController
class ScheduleApiController {

  private static final String BASE = "/api/execute-schedules";

  private final ScheduleService schedules;
  private final CurrentUser currentUser;
  private final ServerService servers;
  private final InstanceService instances;

  ScheduleApiController(
      ScheduleService schedules,
      CurrentUser currentUser,
      ServerService servers,
      InstanceService instances) {
    this.schedules = schedules;
    this.currentUser = currentUser;
    this.servers = servers;
    this.instances = instances;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<Map<String, Object>> items = schedules.list(q).stream().map(this::record).toList();
    return Map.of("schedules", items, "meta", Meta.of(q, items.size(), schedules.count(q)));
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  Map<String, Object> get(@PathVariable long id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(ScheduleJson.KEY, record(schedules.get(id)));
    List<Long> serverIds = schedules.members(id, ScheduleMember.SERVER);
    Map<Long, String> serverNames = servers.namesByIds(serverIds);
    m.put("servers", ScheduleJson.refs(serverIds, serverNames::get));
    m.put(
        "instances",
        ScheduleJson.refs(schedules.members(id, ScheduleMember.INSTANCE), this::instanceName));
    return m;
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> create(@RequestBody(required = false) Map<String, Object> body) {
    String user = currentUser.current().map(UserRef::username).orElse(null);
    return saved(schedules.create(ScheduleJson.input(body), user));
  }

  @PutMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> update(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    schedules.get(id);
    return saved(schedules.update(id, ScheduleJson.input(body)));
  }

  @DeleteMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> delete(@PathVariable long id) {
    schedules.delete(id);
    return Map.of("success", true);
  }

  @PutMapping(BASE + "/{id}/add-servers")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> addServers(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return members(id, ScheduleMember.SERVER, body, true);
  }

  @PutMapping(BASE + "/{id}/remove-servers")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> removeServers(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return members(id, ScheduleMember.SERVER, body, false);
  }

  @PutMapping(BASE + "/{id}/add-instances")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> addInstances(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return members(id, ScheduleMember.INSTANCE, body, true);
  }

  @PutMapping(BASE + "/{id}/remove-instances")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Map<String, Object> removeInstances(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return members(id, ScheduleMember.INSTANCE, body, false);
  }

  private Map<String, Object> members(
      long id, ScheduleMember kind, Map<String, Object> body, boolean add) {
    schedules.get(id);
    String label = kind == ScheduleMember.SERVER ? "server" : "instance";
    List<Long> ids = ScheduleJson.ids(body, kind.key(), label);
    if (add) {
      requireExisting(kind, ids, label);
      schedules.addMembers(id, kind, ids);
    } else {
      schedules.removeMembers(id, kind, ids);
    }
    return Map.of("success", true);
  }

  /** 400 naming (the first 20 of) the ids that name no server or instance; nothing is added. */
  private void requireExisting(ScheduleMember kind, List<Long> ids, String label) {
    Set<Long> found =
        kind == ScheduleMember.SERVER ? servers.existingIds(ids) : instances.existingIds(ids);
    List<Long> unknown = UnknownIds.of(new LinkedHashSet<>(ids), found);
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          "Unable to update execute schedule " + kind.key(),
          Map.of(kind.key(), UnknownIds.message(label, unknown)));
    }
  }

  /** The instance's name; null for one deleted meanwhile. */
  private String instanceName(long id) {
    try {
      return instances.get(id).name();
    } catch (NotFoundException gone) {
      return null;
    }
  }

  private Map<String, Object> record(ExecuteSchedule s) {
    return ScheduleJson.record(s, schedules.upcomingFires(s));
  }

  private Map<String, Object> saved(ExecuteSchedule s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", true);
    m.put(ScheduleJson.KEY, record(s));
    return m;
  }
}
