package dev.vigil.web.jobs;

import dev.vigil.jobs.TargetType;
import dev.vigil.shared.NotFoundException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Puts a job form and its pick lists in the model: ready packages, the chosen package's checklists,
 * the chosen checklist's profiles, schedules, and the servers or instances to target.
 */
@Component
class JobFormModel {

  /** Every IANA zone Java knows, by name, UTC first: the wizard's time zone choice. */
  static final List<String> TIME_ZONES = timeZones();

  private final JobChoices choices;
  private final JobViews views;

  JobFormModel(JobChoices choices, JobViews views) {
    this.choices = choices;
    this.views = views;
  }

  /** The form with its pick lists and errors. */
  void fill(Model model, JobForm form, Map<String, String> errors) {
    // one read of the package's index: the checklists are the keys of its profiles by checklist
    Map<String, List<Choice>> profiles = profiles(form.securityPackage());
    List<Choice> checklists = checklists(profiles);
    TargetType type = TargetType.fromCode(form.targetType());
    model.addAttribute("form", form);
    model.addAttribute("errors", PageErrors.of(errors));
    model.addAttribute("timeZoneOptions", TargetListHtml.zones(TIME_ZONES, form.timeZone()));
    model.addAttribute("packages", packages(form.securityPackage()));
    model.addAttribute("checklists", checklists);
    model.addAttribute(
        "profiles",
        form.scanPath() == null ? List.of() : profiles.getOrDefault(form.scanPath(), List.of()));
    model.addAttribute("schedules", choices.schedules());
    model.addAttribute("targetTypes", choices.targetTypes());
    List<Choice> targets = choices.targets(type == null ? TargetType.SERVER : type);
    model.addAttribute("targetChoices", targets);
    model.addAttribute("targetListHtml", TargetListHtml.targets(targets, form));
    model.addAttribute(
        "targetLabels",
        targets.stream().flatMap(c -> c.labels().stream()).distinct().sorted().toList());
  }

  /** The form with checklist and profile moved to the first choice when no longer offered. */
  JobForm settle(JobForm f) {
    Map<String, List<Choice>> byPath = profiles(f.securityPackage());
    String path = offered(checklists(byPath), f.scanPath());
    List<Choice> profiles = path == null ? List.of() : byPath.getOrDefault(path, List.of());
    String profile = offered(profiles, f.securityProfile());
    return new JobForm(
        f.type(),
        f.name(),
        f.description(),
        f.labels(),
        f.enabled(),
        f.securityPackage(),
        path,
        profile,
        f.scheduleMode(),
        f.dateTime(),
        f.timeZone(),
        f.targetType(),
        f.targets(),
        f.timeoutMinutes(),
        f.maxParallel(),
        f.retriesOnTimeout(),
        f.keepMinDays(),
        f.deleteAfterDays());
  }

  /** The names the review step shows for the form's package, schedule and targets. */
  void names(Model model, JobForm f) {
    model.addAttribute("packageName", views.packageName(f.securityPackage()));
    String mode = f.scheduleMode();
    model.addAttribute(
        "scheduleName",
        "manual".equals(mode)
            ? "Manual"
            : "dateTime".equals(mode)
                ? "Date and Time: " + f.dateTimeText()
                : id(mode) == null ? mode : views.scheduleName(id(mode)));
    TargetType type = TargetType.fromCode(f.targetType());
    model.addAttribute(
        "targetNames",
        choices.targets(type == null ? TargetType.SERVER : type).stream()
            .filter(c -> f.targeted(c.value()))
            .map(Choice::name)
            .toList());
  }

  private static String offered(List<Choice> choices, String chosen) {
    if (choices.isEmpty() || choices.stream().anyMatch(c -> c.value().equals(chosen))) {
      return chosen;
    }
    return (String) choices.get(0).value();
  }

  private List<Choice> packages(String chosen) {
    List<Choice> ready = new ArrayList<>(choices.readyPackages());
    Long id = id(chosen);
    if (id != null && ready.stream().noneMatch(c -> c.value().equals(id))) {
      ready.add(new Choice(views.packageName(chosen), id));
    }
    return ready;
  }

  /** The checklists (name and value: the path) of a package's profiles by checklist path. */
  private static List<Choice> checklists(Map<String, List<Choice>> profilesByPath) {
    return profilesByPath.keySet().stream().map(p -> new Choice(p, p)).toList();
  }

  private Map<String, List<Choice>> profiles(String packageId) {
    Long id = id(packageId);
    try {
      return id == null ? Map.of() : choices.profiles(id);
    } catch (NotFoundException e) {
      return Map.of();
    }
  }

  private static List<String> timeZones() {
    List<String> zones = new ArrayList<>();
    zones.add("UTC");
    ZoneId.getAvailableZoneIds().stream()
        .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
        .sorted()
        .forEach(zones::add);
    return List.copyOf(zones);
  }

  private static Long id(String text) {
    return text != null && text.trim().matches("[0-9]{1,18}") ? Long.valueOf(text.trim()) : null;
  }
}
