package dev.vigil.web;

import dev.vigil.shared.ListQuery;

/** The {@code meta} object of every list response. */
public record Meta(int offset, int max, int size, long total) {

  /** Meta for a page of {@code size} items out of {@code total}. */
  public static Meta of(ListQuery query, int size, long total) {
    return new Meta(query.offset(), query.max() == ListQuery.ALL ? -1 : query.max(), size, total);
  }
}
