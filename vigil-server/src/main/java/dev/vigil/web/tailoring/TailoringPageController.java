package dev.vigil.web.tailoring;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.access.UserRef;
import dev.vigil.packages.Checklist;
import dev.vigil.packages.PackageQuery;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.scap.tailoring.ChecklistCatalog;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.tailoring.SecurityTailoring;
import dev.vigil.tailoring.TailoringInput;
import dev.vigil.tailoring.TailoringService;
import dev.vigil.web.Paging;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Provisioning → Jobs → Tailorings: list, add (from a package checklist's profile or an uploaded
 * tailoring file), detail with download, and the editor: search rules by id or title, select or
 * deselect them, set values with their choices and bounds from the checklist.
 */
@Controller
class TailoringPageController {

  static final String BASE = "/provisioning/jobs/security-tailorings";

  private final TailoringService tailorings;
  private final PackageService packages;
  private final CurrentUser currentUser;

  TailoringPageController(
      TailoringService tailorings, PackageService packages, CurrentUser currentUser) {
    this.tailorings = tailorings;
    this.packages = packages;
    this.currentUser = currentUser;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String list(
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    ListQuery q = Paging.query(phrase, page, model);
    Paging.total(tailorings.count(null, q.phrase()), model);
    model.addAttribute("tailorings", tailorings.list(null, q.phrase(), q.max(), q.offset()));
    model.addAttribute("packageNames", packageNames());
    return "tailorings/list";
  }

  @GetMapping(BASE + "/new")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String newForm(
      @RequestParam(required = false) Long securityPackage,
      @RequestParam(required = false) String scanPath,
      Model model) {
    return createForm(model, new Form(securityPackage, scanPath, null, "", "", ""), Map.of());
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String create(
      @RequestParam(required = false) Long securityPackage,
      @RequestParam(required = false) String scanPath,
      @RequestParam(required = false) String baseProfile,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String description,
      Model model,
      RedirectAttributes redirect) {
    Form form = new Form(securityPackage, scanPath, baseProfile, name, title, description);
    try {
      SecurityTailoring t =
          tailorings.create(
              new TailoringInput(
                  name,
                  description,
                  title == null || title.isBlank() ? null : title,
                  securityPackage,
                  scanPath,
                  baseProfile,
                  null,
                  Map.of(),
                  Map.of()),
              user());
      redirect.addFlashAttribute("notice", "Tailoring " + t.name() + " created: now tailor it.");
      return "redirect:" + BASE + "/" + t.id() + "/edit";
    } catch (InvalidInputException e) {
      return createForm(model, form, e.errors());
    }
  }

  @GetMapping(BASE + "/upload")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String uploadForm(Model model) {
    return uploadForm(model, new Form(null, null, null, "", "", ""), Map.of());
  }

  @PostMapping(BASE + "/upload")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String upload(
      @RequestParam(required = false) Long securityPackage,
      @RequestParam(required = false) String scanPath,
      @RequestParam(required = false) String name,
      @RequestParam(value = "file", required = false) MultipartFile file,
      Model model,
      RedirectAttributes redirect)
      throws IOException {
    Form form = new Form(securityPackage, scanPath, null, name, "", "");
    try {
      byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
      SecurityTailoring t = tailorings.upload(name, null, securityPackage, scanPath, bytes, user());
      redirect.addFlashAttribute("notice", "Tailoring " + t.name() + " uploaded.");
      return "redirect:" + BASE + "/" + t.id();
    } catch (InvalidInputException e) {
      return uploadForm(model, form, e.errors());
    }
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String detail(@PathVariable long id, Model model) {
    SecurityTailoring t = tailorings.get(id);
    model.addAttribute("tailoring", t);
    model.addAttribute("packageName", packageName(t.packageId()));
    ChecklistCatalog catalog = catalogOrNull(t);
    model.addAttribute("ruleTitles", catalog == null ? Map.of() : catalog.rules());
    model.addAttribute("valueTitles", catalog == null ? Map.of() : valueTitles(catalog));
    return "tailorings/detail";
  }

  @GetMapping(BASE + "/{id}/edit")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String edit(@PathVariable long id, @RequestParam(required = false) String q, Model model) {
    return editor(model, tailorings.get(id), q, Map.of(), Map.of());
  }

  @PostMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.FULL)
  String update(
      @PathVariable long id,
      @RequestParam Map<String, String> params,
      Model model,
      RedirectAttributes redirect) {
    SecurityTailoring t = tailorings.get(id);
    TailoringEdits edits = TailoringEdits.of(t.profile(), params);
    try {
      tailorings.update(
          id,
          new TailoringInput(
              params.get("name"),
              params.get("description"),
              params.get("title"),
              null,
              null,
              null,
              null,
              edits.rules(),
              edits.values()),
          user());
      redirect.addFlashAttribute("notice", "Tailoring saved.");
      return "redirect:" + BASE + "/" + id;
    } catch (InvalidInputException e) {
      return editor(model, t, params.get("q"), e.errors(), params);
    }
  }

  private String editor(
      Model model,
      SecurityTailoring t,
      String q,
      Map<String, String> errors,
      Map<String, String> sent) {
    ChecklistCatalog catalog = tailorings.catalog(t.packageId(), t.scanPath());
    model.addAttribute("tailoring", t);
    model.addAttribute("packageName", packageName(t.packageId()));
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("editor", TailoringEditor.of(catalog, t.profile(), q, sent));
    model.addAttribute("errors", errors);
    return "tailorings/edit";
  }

  private String createForm(Model model, Form form, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("packages", packageNames());
    List<Checklist> checklists = List.of();
    if (form.securityPackage() != null) {
      try {
        checklists = packages.checklists(form.securityPackage());
      } catch (NotFoundException e) {
        checklists = List.of();
      }
    }
    model.addAttribute("checklists", checklists);
    model.addAttribute(
        "profiles",
        checklists.stream()
            .filter(c -> c.path().equals(form.scanPath()))
            .findFirst()
            .map(Checklist::profiles)
            .orElse(List.of()));
    return "tailorings/new";
  }

  private String uploadForm(Model model, Form form, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("packages", packageNames());
    Map<String, String> paths = new LinkedHashMap<>();
    packageNames()
        .keySet()
        .forEach(
            id -> {
              try {
                packages.checklists(id).forEach(c -> paths.putIfAbsent(c.path(), c.path()));
              } catch (NotFoundException gone) {
                // deleted meanwhile
              }
            });
    model.addAttribute("paths", paths.keySet());
    return "tailorings/upload";
  }

  private ChecklistCatalog catalogOrNull(SecurityTailoring t) {
    try {
      return tailorings.catalog(t.packageId(), t.scanPath());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Map<String, String> valueTitles(ChecklistCatalog c) {
    Map<String, String> out = new LinkedHashMap<>();
    c.values().forEach((id, v) -> out.put(id, v.title()));
    return out;
  }

  private Map<Long, String> packageNames() {
    Map<Long, String> out = new LinkedHashMap<>();
    for (SecurityPackage p :
        packages.list(
            new PackageQuery(
                new ListQuery(ListQuery.ALL, 0, null, null, "name", false),
                List.of(),
                List.of()))) {
      out.put(p.id(), p.name());
    }
    return out;
  }

  private String packageName(long id) {
    try {
      return packages.get(id).name();
    } catch (NotFoundException gone) {
      return "package " + id;
    }
  }

  private String user() {
    return currentUser.current().map(UserRef::username).orElse(null);
  }

  /** What the add and upload forms hold. */
  record Form(
      Long securityPackage,
      String scanPath,
      String baseProfile,
      String name,
      String title,
      String description) {}
}
