package dev.vigil.executions;

import static dev.vigil.storage.Sql.ts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Counts of the last seven days' executions for the jobs list, in one grouped query. */
@Service
public class ExecutionStatistics {

  static final int DAYS = 7;

  private final JdbcClient jdbc;
  private final Clock clock;

  ExecutionStatistics(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Executions created from the start of the UTC day six days ago until now. */
  public ExecutionStats lastSevenDays() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Instant[] starts = new Instant[DAYS];
    for (int i = 0; i < DAYS; i++) {
      starts[i] = today.minusDays(DAYS - 1L - i).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    long[] perDay = new long[DAYS];
    long[] byOutcome = new long[2];
    jdbc.sql(sql())
        .params(params(starts))
        .query(
            (rs, n) -> {
              long count = rs.getLong("n");
              perDay[rs.getInt("bucket")] += count;
              String status = rs.getString("status");
              if (ExecutionStatus.COMPLETE.code().equals(status)) {
                byOutcome[0] += count;
              } else if (ExecutionStatus.FAILED.code().equals(status)) {
                byOutcome[1] += count;
              }
              return count;
            })
        .list();
    List<Long> days = new ArrayList<>();
    Arrays.stream(perDay).forEach(days::add);
    return new ExecutionStats(days, Arrays.stream(perDay).sum(), byOutcome[0], byOutcome[1]);
  }

  /** Day number 0..6 by the latest day start reached, grouped with the status. */
  private static String sql() {
    StringBuilder day = new StringBuilder("case");
    for (int i = DAYS - 1; i > 0; i--) {
      day.append(" when created_at >= ? then ").append(i);
    }
    day.append(" else 0 end");
    return "select bucket, status, count(*) as n from (select "
        + day
        + " as bucket, status from job_executions where created_at >= ?) t group by bucket, status";
  }

  private static List<Object> params(Instant[] starts) {
    List<Object> p = new ArrayList<>();
    for (int i = DAYS - 1; i > 0; i--) {
      p.add(ts(starts[i]));
    }
    p.add(ts(starts[0]));
    return p;
  }
}
