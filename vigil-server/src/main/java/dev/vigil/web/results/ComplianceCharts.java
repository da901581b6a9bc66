package dev.vigil.web.results;

import dev.vigil.compliance.ComplianceDay;
import dev.vigil.compliance.ComplianceScore;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the server-rendered SVG charts (no script: the pages' CSP forbids inline ones): a
 * server's score and failures over its last scans, and the fleet's daily servers by verdict as
 * stacked counts.
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

  /**
   * One day's stacked bar of the fleet chart: non-compliant at the bottom, compliant on it, other
   * on top, each a height in servers on a 0–{@code maxScanned} axis; the total above it.
   */
  public record Bar(
      String x,
      String width,
      Segment nonCompliant,
      Segment compliant,
      Segment other,
      String labelX,
      String labelY,
      int scanned,
      String label) {}

  /** One part of a stacked bar. */
  public record Segment(String y, String height, int count) {}

  /** The fleet chart: its bars and the top of its count axis. */
  public record Stack(List<Bar> bars, int maxScanned) {}

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

  /**
   * One stacked bar per day, counts of servers on a 0–most axis (so a single day of data fills the
   * chart's height); a day without scans has no height but keeps its place.
   */
  static Stack bars(List<ComplianceDay> days) {
    int max = Math.max(1, days.stream().mapToInt(ComplianceDay::scanned).max().orElse(1));
    double slot = (WIDTH - 2.0 * PAD) / Math.max(1, days.size());
    double unit = (HEIGHT - 2.0 * PAD) / max;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      ComplianceDay d = days.get(i);
      double base = HEIGHT - PAD;
      Segment bad = segment(base, d.nonCompliant(), unit);
      Segment good = segment(base - d.nonCompliant() * unit, d.compliant(), unit);
      Segment other = segment(base - (d.nonCompliant() + d.compliant()) * unit, d.other(), unit);
      double x = PAD + i * slot + 1;
      double w = Math.max(1, slot - 2);
      bars.add(
          new Bar(
              num(x),
              num(w),
              bad,
              good,
              other,
              num(x + w / 2),
              num(base - d.scanned() * unit - 3),
              d.scanned(),
              d.day()
                  + ": "
                  + (d.scanned() == 0
                      ? "no scans"
                      : d.nonCompliant()
                          + " non-compliant, "
                          + d.compliant()
                          + " compliant, "
                          + d.other()
                          + " other, of "
                          + d.scanned()
                          + " servers scanned")));
    }
    return new Stack(bars, max);
  }

  private static Segment segment(double bottom, int count, double unit) {
    double h = count * unit;
    return new Segment(num(bottom - h), num(h), count);
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
