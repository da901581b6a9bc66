package dev.vigil.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an error of a database that cannot be used now (it is down, unreachable, closed itself
 * after a failed write, or out of space) from other errors; such errors are answered 503 ({@link
 * DatabaseOutageFilter}), not 500.
 */
public final class DatabaseOutage {

  /** The text of every 503 answered while the database is unavailable. */
  public static final String MESSAGE =
      "Service unavailable: the database cannot be written now (it is down, unreachable or out of"
          + " space). Vigil serves again as soon as it is back, without a restart; try again later.";

  /** SQLState classes: connection exception, insufficient resources, operator intervention. */
  private static final Set<String> STATE_CLASSES = Set.of("08", "53", "57", "58");

  /** H2: database closed, called at shutdown, connection broken, I/O error. */
  private static final Set<Integer> H2_CLOSED = Set.of(90098, 90121, 90067, 90031, 90028);

  private static final int MAX_DEPTH = 20;

  private DatabaseOutage() {}

  /** True when {@code e} or one of its causes says the database cannot be used now. */
  public static boolean is(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException
          || (t instanceof SQLException s && unavailable(s))) {
        return true;
      }
    }
    return false;
  }

  private static boolean unavailable(SQLException s) {
    String state = s.getSQLState();
    if (s instanceof SQLTransientConnectionException
        || s instanceof SQLNonTransientConnectionException
        || H2_CLOSED.contains(s.getErrorCode())) {
      return true;
    }
    if (state != null && state.length() == 5 && STATE_CLASSES.contains(state.substring(0, 2))) {
      // 57014 is a cancelled statement (a timeout), not an unavailable database
      return !state.equals("57014");
    }
    // H2's general error for a failed write of its store
    return s.getErrorCode() == 50000 && String.valueOf(s.getMessage()).contains("MVStoreException");
  }
}
