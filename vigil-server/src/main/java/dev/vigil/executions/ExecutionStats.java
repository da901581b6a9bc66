package dev.vigil.executions;

import java.util.List;

/**
 * Executions of the last seven days (UTC days, oldest first, today last), as {@code jobs list}
 * shows them: how many a day, how many in all, complete and failed, and their rates in percent.
 */
public record ExecutionStats(
    List<Long> executionsPerDay, long execCount, long execSuccess, long execFailed) {

  public ExecutionStats {
    executionsPerDay = List.copyOf(executionsPerDay);
  }

  /** Executions created today (UTC). */
  public long todayCount() {
    return executionsPerDay.get(executionsPerDay.size() - 1);
  }

  /** Complete executions as a percentage of all, one decimal; 0 when there were none. */
  public double execSuccessRate() {
    return rate(execSuccess);
  }

  /** Failed executions as a percentage of all, one decimal; 0 when there were none. */
  public double execFailedRate() {
    return rate(execFailed);
  }

  private double rate(long part) {
    return execCount == 0 ? 0 : Math.round(part * 1000.0 / execCount) / 10.0;
  }
}
