package dev.vigil.web.inventory;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.vigil.compliance.ComplianceFilter;
import dev.vigil.compliance.FleetFilter;
import dev.vigil.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.util.Set;
import org.springframework.ui.Model;

/**
 * The Hosts list's compliance filter: read from the request, shown above the list with a link back
 * to every server; a bad value answers 400 with the list unfiltered and the message.
 */
final class HostFilters {

  private HostFilters() {}

  /** The ids of the servers to list, null for all. */
  static Set<Long> only(
      FleetFilter fleet, HttpServletRequest request, HttpServletResponse response, Model model) {
    ComplianceFilter f = ComplianceFilter.NONE;
    Set<Long> only = null;
    try {
      f = ComplianceFilter.from(request.getParameterMap());
      only = fleet.serverIds(f);
    } catch (InvalidInputException bad) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", bad.getMessage());
      f = ComplianceFilter.NONE;
    }
    model.addAttribute("filter", f);
    model.addAttribute("filterParams", f.parameters());
    StringBuilder query = new StringBuilder();
    f.parameters()
        .forEach(
            (k, v) -> query.append('&').append(k).append('=').append(URLEncoder.encode(v, UTF_8)));
    model.addAttribute("filterQuery", query.toString());
    return only;
  }
}
