package dev.vigil.web.remediation;

import dev.vigil.access.CurrentUser;
import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.remediation.NewRemediationRun;
import dev.vigil.remediation.RemediationRunService;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * {@code /api/remediation-runs}: create one from a scan or an execution (answers with the dry run
 * per server), read, list, approve, reject, cancel. Creating and cancelling need Security:
 * Remediation run, deciding needs approve, and nobody approves their own.
 */
@ApiController
class RemediationRunApiController {

  private static final String BASE = "/api/remediation-runs";

  private final RemediationRunService runs;
  private final CurrentUser currentUser;

  RemediationRunApiController(RemediationRunService runs, CurrentUser currentUser) {
    this.runs = runs;
    this.currentUser = currentUser;
  }

  @PostMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.RUN)
  RemediationRunJson.One create(@RequestBody(required = false) RemediationRunJson.CreateBody body) {
    if (body == null || body.remediationRun() == null) {
      throw new InvalidInputException(
          "Request body must be a JSON object with a \"remediationRun\" object",
          Map.of("remediationRun", "is required"));
    }
    RemediationRunJson.CreateRun in = body.remediationRun();
    NewRemediationRun request =
        new NewRemediationRun(
            id(in.securityScan(), "securityScan"),
            id(in.jobExecution(), "jobExecution"),
            in.rules(),
            in.reason());
    return new RemediationRunJson.One(
        RemediationRunJson.Run.of(runs.create(request, currentUser.require())));
  }

  @GetMapping(BASE)
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.READ)
  RemediationRunJson.Many list(HttpServletRequest request) {
    ListQuery q = ListQuery.from(request.getParameterMap());
    var items =
        runs.list(q.max(), q.offset()).stream().map(RemediationRunJson.Summary::of).toList();
    return new RemediationRunJson.Many(items, Meta.of(q, items.size(), runs.count()));
  }

  @GetMapping(BASE + "/{id}")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.READ)
  RemediationRunJson.One get(@PathVariable long id) {
    return new RemediationRunJson.One(RemediationRunJson.Run.of(runs.get(id)));
  }

  @PutMapping(BASE + "/{id}/approve")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.APPROVE)
  RemediationRunJson.One approve(
      @PathVariable long id, @RequestBody(required = false) RemediationRunJson.DecisionBody body) {
    return new RemediationRunJson.One(
        RemediationRunJson.Run.of(runs.approve(id, currentUser.require(), reason(body))));
  }

  @PutMapping(BASE + "/{id}/reject")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.APPROVE)
  RemediationRunJson.One reject(
      @PathVariable long id, @RequestBody(required = false) RemediationRunJson.DecisionBody body) {
    return new RemediationRunJson.One(
        RemediationRunJson.Run.of(runs.reject(id, currentUser.require(), reason(body))));
  }

  @PutMapping(BASE + "/{id}/cancel")
  @RequiresPermission(value = Permission.SECURITY_REMEDIATION, level = Level.RUN)
  RemediationRunJson.One cancel(
      @PathVariable long id, @RequestBody(required = false) RemediationRunJson.DecisionBody body) {
    return new RemediationRunJson.One(
        RemediationRunJson.Run.of(runs.cancel(id, currentUser.require(), reason(body))));
  }

  private static String reason(RemediationRunJson.DecisionBody body) {
    return body == null ? null : body.reason();
  }

  private static Long id(RemediationRunJson.IdRef ref, String field) {
    if (ref == null) {
      return null;
    }
    if (ref.id() == null || ref.id() <= 0) {
      throw new InvalidInputException(field, field + ".id must be a positive number");
    }
    return ref.id();
  }
}
