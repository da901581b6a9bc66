package dev.vigil.web.firing;

import dev.vigil.access.Level;
import dev.vigil.access.Permission;
import dev.vigil.access.RequiresPermission;
import dev.vigil.firing.FireService;
import dev.vigil.jobs.JobService;
import dev.vigil.shared.ListQuery;
import dev.vigil.web.ApiController;
import dev.vigil.web.Meta;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code /api/jobs/{id}/fires}: the fires of a job's schedule, newest first, paged. */
@ApiController
class FireApiController {

  private final JobService jobs;
  private final FireService fires;

  FireApiController(JobService jobs, FireService fires) {
    this.jobs = jobs;
    this.fires = fires;
  }

  @GetMapping("/api/jobs/{id}/fires")
  @RequiresPermission(value = Permission.SECURITY_SCANNING, level = Level.READ)
  FireJson.FireList list(@PathVariable long id, HttpServletRequest request) {
    jobs.get(id);
    ListQuery q = ListQuery.from(request.getParameterMap());
    List<FireJson.FireRecord> items = fires.list(id, q).stream().map(FireJson::record).toList();
    return new FireJson.FireList(items, Meta.of(q, items.size(), fires.count(id)));
  }
}
