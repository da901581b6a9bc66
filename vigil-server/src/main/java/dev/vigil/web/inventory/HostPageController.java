package dev.vigil.web.inventory;

import dev.vigil.access.Level;
import dev.vigil.access.Me;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.compliance.ComplianceService;
import dev.vigil.compliance.FleetFilter;
import dev.vigil.inventory.ConnectionTests;
import dev.vigil.inventory.CredentialService;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanQuery;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.Paging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Infrastructure → Hosts: server list, add, detail, edit, delete, connection test, host key. */
@Controller
class HostPageController {

  /** The sortable columns, the default first. */
  private static final java.util.List<String> SORTS = java.util.List.of("name", "id");

  static final String BASE = "/infrastructure/hosts";
  static final String COMPLIANCE_BASE = "/infrastructure/servers";

  private final ServerService servers;
  private final CredentialService credentials;
  private final ConnectionTests connectionTests;
  private final ComplianceService compliance;
  private final ResultService results;
  private final FleetFilter fleet;

  HostPageController(
      ServerService servers,
      CredentialService credentials,
      ConnectionTests connectionTests,
      ComplianceService compliance,
      ResultService results,
      FleetFilter fleet) {
    this.servers = servers;
    this.credentials = credentials;
    this.connectionTests = connectionTests;
    this.compliance = compliance;
    this.results = results;
    this.fleet = fleet;
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  String list(
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return list(phrase, page, request, response, model, BASE);
  }

  /**
   * The same list for a role that may read security scans but not the infrastructure: names and
   * compliance only, each leading to the server's Security tab. Connection details (address, login,
   * last test, OS, labels) show only when the role may also read the infrastructure.
   */
  @GetMapping(COMPLIANCE_BASE)
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  String complianceList(
      @RequestParam(required = false) String phrase,
      @RequestParam(defaultValue = "0") int page,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return list(phrase, page, request, response, model, COMPLIANCE_BASE);
  }

  private String list(
      String phrase,
      int page,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      String listBase) {
    ListQuery q =
        Paging.query(
            phrase,
            page,
            request.getParameter("sort"),
            request.getParameter("direction"),
            SORTS,
            model);
    Set<Long> only = HostFilters.only(fleet, request, response, model);
    Paging.total(servers.count(q, only), model);
    List<Server> shown = servers.list(q, only);
    model.addAttribute("servers", shown);
    model.addAttribute("listBase", listBase);
    Me me = model.getAttribute("me") instanceof Me m ? m : null;
    model.addAttribute("connection", me != null && me.canRead("infrastructure"));
    if (me != null && me.canRead("security-scanning")) {
      model.addAttribute(
          "compliance", compliance.statuses(shown.stream().map(Server::id).toList()));
      model.addAttribute("fleet", compliance.fleetCounts());
    }
    return "infrastructure/hosts";
  }

  @GetMapping(BASE + "/new")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String newForm(Model model) {
    return form(model, ServerForm.empty(), null, Map.of());
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String create(ServerForm form, Model model, RedirectAttributes redirect) {
    try {
      Server s = servers.create(form.toInput(false));
      redirect.addFlashAttribute("notice", "Server " + s.name() + " saved.");
      return "redirect:" + BASE + "/" + s.id();
    } catch (InvalidInputException e) {
      return form(model, form, null, e.errors());
    }
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.READ)
  String detail(@PathVariable long id, Model model) {
    model.addAttribute("server", servers.get(id));
    model.addAttribute("os", servers.osName(id));
    model.addAttribute("deleteQuestion", deleteQuestion(scanCount(id)));
    return "infrastructure/host-detail";
  }

  @GetMapping(BASE + "/{id}/edit")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String editForm(@PathVariable long id, Model model) {
    Server s = servers.get(id);
    return form(model, ServerForm.of(s), s, Map.of());
  }

  @PostMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String update(@PathVariable long id, ServerForm form, Model model, RedirectAttributes redirect) {
    Server existing = servers.get(id);
    try {
      servers.update(id, form.toInput(true));
      redirect.addFlashAttribute("notice", "Server saved.");
      return "redirect:" + BASE + "/" + id;
    } catch (InvalidInputException e) {
      return form(model, form, existing, e.errors());
    }
  }

  @PostMapping(BASE + "/{id}/delete")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String delete(@PathVariable long id, RedirectAttributes redirect) {
    String name = servers.get(id).name();
    long scans = scanCount(id);
    servers.delete(id);
    redirect.addFlashAttribute(
        "notice",
        "Server "
            + name
            + " deleted."
            + (scans == 0 ? "" : " Its " + scans + " security scans are kept, marked deleted."));
    return "redirect:" + BASE;
  }

  /** What deleting the server does, asked before it is done. */
  static String deleteQuestion(long scans) {
    String q = "Delete this server? It leaves its instances.";
    if (scans == 0) {
      return q;
    }
    return q
        + " Its "
        + scans
        + (scans == 1 ? " security scan is" : " security scans are")
        + " kept: readable under its name, marked deleted.";
  }

  private long scanCount(long serverId) {
    return results.count(
        new ScanQuery(new ListQuery(1, 0, null, null, null, false), List.of(serverId), List.of()));
  }

  @PostMapping(BASE + "/{id}/test-connection")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String testConnection(@PathVariable long id, Model model) {
    model.addAttribute("report", connectionTests.test(id));
    return detail(id, model);
  }

  @PostMapping(BASE + "/{id}/accept-host-key")
  @RequiresPermission(value = Permission.INFRASTRUCTURE, level = Level.FULL)
  String acceptHostKey(@PathVariable long id, RedirectAttributes redirect) {
    try {
      Server s = servers.acceptPendingHostKey(id);
      redirect.addFlashAttribute("notice", "Host key " + s.hostKeyFingerprint() + " accepted.");
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:" + BASE + "/" + id;
  }

  private String form(Model model, ServerForm form, Server existing, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("server", existing);
    model.addAttribute("errors", errors);
    model.addAttribute(
        "credentials",
        credentials.list(new ListQuery(ListQuery.ALL, 0, null, null, "name", false)));
    return "infrastructure/host-form";
  }
}
