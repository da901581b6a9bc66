package dev.vigil.inventory.web;

import dev.vigil.web.ListQuery;
import org.springframework.ui.Model;

/** Search and paging of the inventory list pages. */
final class Paging {

  static final int PAGE_SIZE = 25;

  private Paging() {}

  /** The query for a page of a list page; puts the search and page into the model. */
  static ListQuery query(String phrase, int page, Model model) {
    String search = phrase == null || phrase.isBlank() ? null : phrase.trim();
    int p = Math.max(page, 0);
    model.addAttribute("phrase", search == null ? "" : search);
    model.addAttribute("page", p);
    return new ListQuery(PAGE_SIZE, p * PAGE_SIZE, search, null, "name", false);
  }

  static void total(long total, Model model) {
    model.addAttribute("total", total);
    model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
  }
}
