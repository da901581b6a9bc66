package dev.vigil.web;

import dev.vigil.shared.ListQuery;
import java.util.List;
import org.springframework.ui.Model;

/** Search and paging that every list page shares: 25 rows a page, sorted by name. */
public final class Paging {

  public static final int PAGE_SIZE = 25;

  private Paging() {}

  /** The query for a page of a list page; puts the search and page into the model. */
  public static ListQuery query(String phrase, int page, Model model) {
    String search = phrase == null || phrase.isBlank() ? null : phrase.trim();
    int p = Math.max(page, 0);
    model.addAttribute("phrase", search == null ? "" : search);
    model.addAttribute("page", p);
    return new ListQuery(PAGE_SIZE, p * PAGE_SIZE, search, null, "name", false);
  }

  /**
   * The query for a page of a sortable list page: {@code sort} one of {@code columns} (the first
   * when none is given), {@code direction} asc or desc; 400 naming the parameter otherwise.
   */
  public static ListQuery query(
      String phrase, int page, String sort, String direction, List<String> columns, Model model) {
    ListQuery q = query(phrase, page, model);
    Sorting s = Sorting.of(sort, direction, columns, columns.get(0), false, model);
    return new ListQuery(q.max(), q.offset(), q.phrase(), null, s.by(), s.desc());
  }

  /** Puts the total row count and the number of pages into the model. */
  public static void total(long total, Model model) {
    model.addAttribute("total", total);
    model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
  }
}
