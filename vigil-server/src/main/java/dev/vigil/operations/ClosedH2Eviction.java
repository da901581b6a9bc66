package dev.vigil.operations;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the connection pool to drop a connection to an H2 database that closed itself (after a
 * failed write, e.g. a full disk). H2 answers such a connection's statements with "database has
 * been closed" (90098, SQLState 90098, which the pool does not know as fatal) and still calls it
 * valid; the next new connection opens the database again. Other errors keep the pool's own rules
 * (SQLState 08xxx and PostgreSQL's 57P01-57P03 evict).
 */
public final class ClosedH2Eviction implements SQLExceptionOverride {

  /**
   * DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN, CONNECTION_BROKEN_1, IO_EXCEPTION_1 and _2.
   */
  private static final Set<Integer> CLOSED = Set.of(90098, 90121, 90067, 90028, 90031);

  /** H2's GENERAL_ERROR_1: a failed write of its store ("MVStoreException") comes as one. */
  private static final int GENERAL_ERROR = 50000;

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    if (CLOSED.contains(e.getErrorCode()) || storeFailure(e)) {
      return Override.MUST_EVICT;
    }
    return Override.CONTINUE_EVICT;
  }

  private static boolean storeFailure(SQLException e) {
    return e.getErrorCode() == GENERAL_ERROR
        && String.valueOf(e.getMessage()).contains("MVStoreException");
  }
}
