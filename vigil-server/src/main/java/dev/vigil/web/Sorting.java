package dev.vigil.web;

import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The order of a paged list page: Morpheus's {@code sort} (a column of the page's whitelist) and
 * {@code direction} ({@code asc} or {@code desc}); an unknown column or direction is a 400 naming
 * the parameter. Builds the links of the sortable column headers and of the pager from the current
 * request, so that they keep every other query parameter (search, filters).
 */
public final class Sorting {

  private final String by;
  private final boolean desc;
  private final String path;
  private final String query;

  private Sorting(String by, boolean desc, String path, String query) {
    this.by = by;
    this.desc = desc;
    this.path = path;
    this.query = query;
  }

  /**
   * The order {@code sort} and {@code direction} ask for, {@code fallback} (descending when {@code
   * fallbackDesc}) when no column is given; puts it into the model as {@code sorting}, {@code sort}
   * and {@code direction}.
   */
  public static Sorting of(
      String sort,
      String direction,
      List<String> columns,
      String fallback,
      boolean fallbackDesc,
      Model model) {
    String s = sort == null || sort.isBlank() ? null : sort.trim();
    String d = direction == null || direction.isBlank() ? null : direction.trim();
    if (s != null && !columns.contains(s)) {
      throw new InvalidInputException(
          "sort",
          "sort must be one of "
              + String.join(", ", columns)
              + ", got '"
              + ListQuery.shown(s)
              + "'");
    }
    if (d != null && !d.equalsIgnoreCase("asc") && !d.equalsIgnoreCase("desc")) {
      throw new InvalidInputException(
          "direction", "direction must be asc or desc, got '" + ListQuery.shown(d) + "'");
    }
    boolean descending =
        d == null ? s == null && fallbackDesc : d.toLowerCase(Locale.ROOT).equals("desc");
    HttpServletRequest request =
        ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    Sorting sorting =
        new Sorting(
            s == null ? fallback : s,
            descending,
            request.getRequestURI(),
            request.getQueryString());
    model.addAttribute("sorting", sorting);
    model.addAttribute("sort", sorting.by);
    model.addAttribute("direction", descending ? "desc" : "asc");
    return sorting;
  }

  /** The sorted column. */
  public String by() {
    return by;
  }

  public boolean desc() {
    return desc;
  }

  /** The link of a column header: sorted by it, ascending unless it is sorted ascending now. */
  public String link(String column) {
    String next = column.equals(by) && !desc ? "desc" : "asc";
    return builder()
        .replaceQueryParam("sort", column)
        .replaceQueryParam("direction", next)
        .replaceQueryParam("page")
        .build()
        .toUriString();
  }

  /** The link of page {@code page} (from 0) in this order. */
  public String page(long page) {
    return builder()
        .replaceQueryParam("sort", by)
        .replaceQueryParam("direction", desc ? "desc" : "asc")
        .replaceQueryParam("page", page)
        .build()
        .toUriString();
  }

  /** The {@code aria-sort} of a column header: null when the list is not sorted by it. */
  public String aria(String column) {
    return column.equals(by) ? (desc ? "descending" : "ascending") : null;
  }

  private UriComponentsBuilder builder() {
    UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
    return query == null ? b : b.query(query);
  }
}
