package dev.vigil.schedules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A 5-field cron expression in plain words for pages: {@code 0 5 * * 1-5} → "At 05:00, Monday to
 * Friday"; {@code *}{@code /15 * * * *} → "Every 15 minutes". Numbers, lists, ranges, steps and the
 * names of days and months are read; what cannot be put in words (a step over a range, say) is
 * described field by field ("minutes 1-30/5").
 */
public final class CronWords {

  private static final String[] DAYS = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };
  private static final String[] MONTHS = {
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final Map<String, String> DAY_NAMES =
      Map.of("SUN", "0", "MON", "1", "TUE", "2", "WED", "3", "THU", "4", "FRI", "5", "SAT", "6");
  private static final List<String> MONTH_NAMES =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

  private CronWords() {}

  /** The expression in words; the expression itself when it has not 5 fields. */
  public static String describe(String cron) {
    String[] f = cron == null ? new String[0] : cron.trim().split("\\s+");
    if (f.length != 5) {
      return cron;
    }
    String minute = f[0];
    String hour = f[1];
    String days = days(f[2], f[4]);
    String months = months(f[3]);
    String time = time(minute, hour);
    StringBuilder out = new StringBuilder(time);
    if (!days.isEmpty()) {
      out.append(", ").append(days);
    }
    if (!months.isEmpty()) {
      out.append(", ").append(months);
    }
    return out.toString();
  }

  private static String time(String m, String h) {
    boolean mNum = m.matches("\\d{1,2}");
    boolean hNum = h.matches("\\d{1,2}");
    if (mNum && hNum) {
      return "At " + clock(h, m);
    }
    if (mNum && h.matches("[\\d,]+")) {
      List<String> at = new ArrayList<>();
      for (String x : h.split(",")) {
        at.add(clock(x, m));
      }
      return "At " + and(at);
    }
    if (m.equals("*") && h.equals("*")) {
      return "Every minute";
    }
    if (m.matches("\\*/\\d+") && h.equals("*")) {
      return "Every " + plural(m.substring(2), "minute");
    }
    if (mNum && h.equals("*")) {
      return "At minute " + Integer.parseInt(m) + " of every hour";
    }
    if (mNum && h.matches("\\*/\\d+")) {
      return "At minute " + Integer.parseInt(m) + " of every " + ordinalHours(h.substring(2));
    }
    if (mNum && h.matches("\\d{1,2}-\\d{1,2}")) {
      String[] r = h.split("-");
      return "At minute "
          + Integer.parseInt(m)
          + " of every hour from "
          + clock(r[0], "0")
          + " to "
          + clock(r[1], "0");
    }
    return "Minutes " + m + ", hours " + h;
  }

  private static String days(String dom, String dow) {
    boolean anyDom = dom.equals("*") || dom.equals("?");
    boolean anyDow = dow.equals("*") || dow.equals("?");
    if (anyDom && anyDow) {
      return "every day";
    }
    String weekdays = anyDow ? "" : list(dow, true);
    String monthDays = anyDom ? "" : "on day " + dom.replace(",", ", ") + " of the month";
    if (anyDom) {
      return weekdays;
    }
    if (anyDow) {
      return monthDays;
    }
    return monthDays + " and " + weekdays;
  }

  private static String months(String mon) {
    if (mon.equals("*") || mon.equals("?")) {
      return "";
    }
    return "in " + list(mon, false);
  }

  /** "Monday to Friday", "Monday and Wednesday", "every 2nd day of the week from Sunday". */
  private static String list(String field, boolean weekdays) {
    List<String> parts = new ArrayList<>();
    for (String p : field.toUpperCase(Locale.ROOT).split(",")) {
      if (p.contains("/")) {
        return (weekdays ? "days of the week " : "months ") + field;
      }
      String[] range = p.split("-");
      if (range.length == 2) {
        parts.add(name(range[0], weekdays) + " to " + name(range[1], weekdays));
      } else {
        parts.add(name(p, weekdays));
      }
    }
    return and(parts);
  }

  private static String name(String v, boolean weekdays) {
    if (weekdays) {
      String n = DAY_NAMES.getOrDefault(v, v);
      return n.matches("[0-7]") ? DAYS[Integer.parseInt(n)] : v;
    }
    int i = MONTH_NAMES.indexOf(v);
    if (i >= 0) {
      return MONTHS[i + 1];
    }
    return v.matches("\\d{1,2}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 12
        ? MONTHS[Integer.parseInt(v)]
        : v;
  }

  private static String clock(String h, String m) {
    return String.format(Locale.ROOT, "%02d:%02d", Integer.parseInt(h), Integer.parseInt(m));
  }

  private static String ordinalHours(String n) {
    return n.equals("1") ? "hour" : n + " hours";
  }

  private static String plural(String n, String unit) {
    return n.equals("1") ? unit : n + " " + unit + "s";
  }

  private static String and(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }
}
