package dev.vigil.shared;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The message for ids that name nothing: how many, and at most the first {@value #SHOWN} of them,
 * so that a request naming 100,000 wrong ids gets a readable 400 rather than a megabyte of ids.
 */
public final class UnknownIds {

  /** How many unknown ids a message lists at most. */
  public static final int SHOWN = 20;

  private UnknownIds() {}

  /** The ids of {@code sent} not in {@code existing}, in the order sent. */
  public static List<Long> of(Collection<Long> sent, Set<Long> existing) {
    return sent.stream().filter(id -> !existing.contains(id)).toList();
  }

  /**
   * {@code "2 unknown server ids: 7, 9"}, or {@code "25 unknown server ids, the first 20: 7, 9,
   * …"}.
   */
  public static String message(String noun, List<Long> unknown) {
    String ids =
        unknown.stream().limit(SHOWN).map(String::valueOf).collect(Collectors.joining(", "));
    String what = unknown.size() + " unknown " + noun + (unknown.size() == 1 ? " id" : " ids");
    return unknown.size() <= SHOWN
        ? what + ": " + ids
        : what + ", the first " + SHOWN + ": " + ids + ", …";
  }
}
