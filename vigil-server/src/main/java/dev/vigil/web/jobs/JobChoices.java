package dev.vigil.web.jobs;

import dev.vigil.inventory.InstanceService;
import dev.vigil.inventory.ServerService;
import dev.vigil.jobs.TargetType;
import dev.vigil.packages.Checklist;
import dev.vigil.packages.PackageQuery;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.PackageStatus;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.shared.ListQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The pick lists of a job form and of the CLI's option calls, read from the other features. */
@Component
class JobChoices {

  private static final ListQuery ALL_BY_NAME =
      new ListQuery(ListQuery.ALL, 0, null, null, "name", false);

  private final PackageService packages;
  private final ScheduleService schedules;
  private final ServerService servers;
  private final InstanceService instances;

  JobChoices(
      PackageService packages,
      ScheduleService schedules,
      ServerService servers,
      InstanceService instances) {
    this.packages = packages;
    this.schedules = schedules;
    this.servers = servers;
    this.instances = instances;
  }

  /** Enabled packages that are ready to scan with; value = package id. */
  List<Choice> readyPackages() {
    return packages.list(new PackageQuery(ALL_BY_NAME, List.of(), List.of())).stream()
        .filter(p -> p.enabled() && p.status() == PackageStatus.READY)
        .map(p -> new Choice(p.name(), p.id()))
        .toList();
  }

  /** Manual, Date and Time, then every execute schedule by name (value = schedule id). */
  List<Choice> schedules() {
    List<Choice> out = new ArrayList<>();
    out.add(new Choice("Manual", "manual"));
    out.add(new Choice("Date and Time", "dateTime"));
    schedules.list(ALL_BY_NAME).forEach(s -> out.add(new Choice(s.name(), s.id())));
    return out;
  }

  /** The contexts the job pages offer: servers or instances, picked one by one. */
  List<Choice> targetTypes() {
    return List.of(TargetType.values()).stream()
        .filter(t -> !t.byLabel())
        .map(t -> new Choice(t.label(), t.code()))
        .toList();
  }

  /** Every context the API takes, label targets included ({@code jobs add --server-label}). */
  List<Choice> apiTargetTypes() {
    return List.of(TargetType.values()).stream().map(t -> new Choice(t.label(), t.code())).toList();
  }

  /** The checklists of a package; name and value are the checklist path. */
  List<Choice> checklists(long packageId) {
    return packages.checklists(packageId).stream()
        .map(c -> new Choice(c.path(), c.path()))
        .toList();
  }

  /** The profiles of every checklist of a package, by checklist path; value = profile id. */
  Map<String, List<Choice>> profiles(long packageId) {
    Map<String, List<Choice>> out = new LinkedHashMap<>();
    for (Checklist c : packages.checklists(packageId)) {
      out.put(
          c.path(),
          c.profiles().stream()
              .map(p -> new Choice(p.title() == null ? p.id() : p.title(), p.id()))
              .toList());
    }
    return out;
  }

  /** Every server or instance by name with its labels; value = its id. */
  List<Choice> targets(TargetType type) {
    if (type == TargetType.INSTANCE) {
      return instances.list(ALL_BY_NAME).stream()
          .map(i -> new Choice(i.name(), i.id(), i.labels()))
          .toList();
    }
    return servers.list(ALL_BY_NAME).stream()
        .map(s -> new Choice(s.name(), s.id(), s.labels()))
        .toList();
  }
}
