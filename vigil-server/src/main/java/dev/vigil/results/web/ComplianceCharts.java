package dev.vigil.results.web;

import dev.vigil.results.ComplianceDay;
import dev.vigil.results.ComplianceScore;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the server-rendered SVG charts (no script: the pages' CSP forbids inline ones): a
 * server's score and failures over its last scans, and the fleet's daily compliant share.
 */
public final class ComplianceCharts {

  public static final int WIDTH = 640;
  public static final int HEIGHT = 160;
  static final int PAD = 24;

  private ComplianceCharts() {}

  /** One scan on the trend: where its score and failure marks sit. */
  public record Point(String x, String scoreY, String failY) {}

  /**
   * The trend of one pair's scans, oldest left: one SVG path per series (the score on a 0–100 axis,
   * failed rules on their own 0–most axis at the right) (a marker on each vertex, no element per
   * scan), the UTC dates of its ends; empty points when there are none.
   */
  public record Trend(
      String scorePath,
      String failPath,
      List<Point> points,
      int maxFail,
      String oldest,
      String newest) {
    public boolean empty() {
      return points.isEmpty();
    }
  }

  /** One day's bar of the fleet chart. */
  public record Bar(String x, String y, String width, String height, String label) {}

  /** One pair's scans newest first, drawn oldest first. */
  static Trend trend(List<ComplianceScore> newestFirst) {
    List<ComplianceScore> scans = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(scans);
    int maxFail = Math.max(1, scans.stream().mapToInt(ComplianceScore::failCount).max().orElse(1));
    List<Point> points = new ArrayList<>();
    StringBuilder score = new StringBuilder();
    StringBuilder fail = new StringBuilder();
    for (int i = 0; i < scans.size(); i++) {
      ComplianceScore s = scans.get(i);
      double x = x(i, scans.size());
      double sy = y(percent(s) / 100.0);
      double fy = y((double) s.failCount() / maxFail);
      points.add(new Point(num(x), num(sy), num(fy)));
      score.append(i == 0 ? "M" : " L").append(num(x)).append(',').append(num(sy));
      fail.append(i == 0 ? "M" : " L").append(num(x)).append(',').append(num(fy));
    }
    return new Trend(
        score.toString(),
        fail.toString(),
        points,
        maxFail,
        scans.isEmpty() ? "" : day(scans.get(0)),
        scans.isEmpty() ? "" : day(scans.get(scans.size() - 1)));
  }

  /** One bar per day; a day without scans has no bar height but keeps its place. */
  static List<Bar> bars(List<ComplianceDay> days) {
    List<Bar> bars = new ArrayList<>();
    double slot = (WIDTH - 2.0 * PAD) / Math.max(1, days.size());
    for (int i = 0; i < days.size(); i++) {
      ComplianceDay d = days.get(i);
      double share = d.percent() == null ? 0 : d.percent() / 100.0;
      double h = share * (HEIGHT - 2.0 * PAD);
      bars.add(
          new Bar(
              num(PAD + i * slot + 1),
              num(HEIGHT - PAD - h),
              num(Math.max(1, slot - 2)),
              num(h),
              d.day()
                  + ": "
                  + (d.percent() == null
                      ? "no scans"
                      : d.compliant()
                          + " of "
                          + d.scanned()
                          + " servers compliant, "
                          + d.nonCompliant()
                          + " non-compliant, "
                          + d.other()
                          + " other")));
    }
    return bars;
  }

  private static String day(ComplianceScore s) {
    return s.finishedAt().toString().substring(0, 10);
  }

  private static double percent(ComplianceScore s) {
    if (s.score() == null) {
      return 0;
    }
    double max = s.scoreMax() == null || s.scoreMax() <= 0 ? 100 : s.scoreMax();
    return Math.max(0, Math.min(100, 100 * s.score() / max));
  }

  private static double x(int i, int n) {
    return n == 1 ? WIDTH / 2.0 : PAD + i * (WIDTH - 2.0 * PAD) / (n - 1);
  }

  private static double y(double share) {
    return HEIGHT - PAD - share * (HEIGHT - 2.0 * PAD);
  }

  /** One decimal, without String.format (a few hundred per page). */
  private static String num(double v) {
    return Double.toString(Math.round(v * 10) / 10.0);
  }
}
