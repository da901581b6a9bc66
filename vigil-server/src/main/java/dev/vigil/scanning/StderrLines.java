package dev.vigil.scanning;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Picks the last non-blank lines of a command's stderr for a failure message. */
final class StderrLines {

  private StderrLines() {}

  static String last(String stderr, int count) {
    List<String> lines =
        Arrays.stream(stderr.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    String tail =
        lines.subList(Math.max(0, lines.size() - count), lines.size()).stream()
            .collect(Collectors.joining(" | "));
    return tail.isEmpty() ? "(no message)" : tail;
  }
}
