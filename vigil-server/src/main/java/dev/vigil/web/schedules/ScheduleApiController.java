package dev.vigil.web.schedules;

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
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.shared.UnknownIds;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import dev.vigil.web.Success;
import dev.vigil.web.schedules.ScheduleJson.MembersBody;
import dev.vigil.web.schedules.ScheduleJson.ScheduleBody;
import dev.vigil.web.schedules.ScheduleJson.ScheduleList;
import dev.vigil.web.schedules.ScheduleJson.ScheduleOne;
import dev.vigil.web.schedules.ScheduleJson.ScheduleRecord;
import dev.vigil.web.schedules.ScheduleJson.ScheduleSaved;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
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
  ScheduleList list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<ScheduleRecord> items = schedules.list(q).stream().map(this::record).toList();
    return new ScheduleList(items, Meta.of(q, items.size(), schedules.count(q)));
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  ScheduleOne get(@PathVariable long id) {
    ScheduleRecord schedule = record(schedules.get(id));
    List<Long> serverIds = schedules.members(id, ScheduleMember.SERVER);
    Map<Long, String> serverNames = servers.namesByIds(serverIds);
    return new ScheduleOne(
        schedule,
        ScheduleJson.refs(serverIds, serverNames::get),
        ScheduleJson.refs(schedules.members(id, ScheduleMember.INSTANCE), this::instanceName));
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  ScheduleSaved create(@Valid @RequestBody(required = false) ScheduleBody body) {
    String user = currentUser.current().map(UserRef::username).orElse(null);
    return saved(schedules.create(ScheduleJson.input(body), user));
  }

  @PutMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  ScheduleSaved update(
      @PathVariable long id, @Valid @RequestBody(required = false) ScheduleBody body) {
    schedules.get(id);
    return saved(schedules.update(id, ScheduleJson.input(body)));
  }

  @DeleteMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Success delete(@PathVariable long id) {
    schedules.delete(id);
    return Success.OK;
  }

  @PutMapping(BASE + "/{id}/add-servers")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Success addServers(@PathVariable long id, @RequestBody(required = false) MembersBody body) {
    return members(id, ScheduleMember.SERVER, body, true);
  }

  @PutMapping(BASE + "/{id}/remove-servers")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Success removeServers(@PathVariable long id, @RequestBody(required = false) MembersBody body) {
    return members(id, ScheduleMember.SERVER, body, false);
  }

  @PutMapping(BASE + "/{id}/add-instances")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Success addInstances(@PathVariable long id, @RequestBody(required = false) MembersBody body) {
    return members(id, ScheduleMember.INSTANCE, body, true);
  }

  @PutMapping(BASE + "/{id}/remove-instances")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  Success removeInstances(@PathVariable long id, @RequestBody(required = false) MembersBody body) {
    return members(id, ScheduleMember.INSTANCE, body, false);
  }

  private Success members(long id, ScheduleMember kind, MembersBody body, boolean add) {
    schedules.get(id);
    String label = kind == ScheduleMember.SERVER ? "server" : "instance";
    List<Long> ids = ScheduleJson.ids(body, kind.key(), label);
    if (add) {
      requireExisting(kind, ids, label);
      schedules.addMembers(id, kind, ids);
    } else {
      schedules.removeMembers(id, kind, ids);
    }
    return Success.OK;
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

  private ScheduleRecord record(ExecuteSchedule s) {
    return ScheduleJson.record(s, schedules.upcomingFires(s));
  }

  private ScheduleSaved saved(ExecuteSchedule s) {
    return new ScheduleSaved(true, record(s));
  }
}
