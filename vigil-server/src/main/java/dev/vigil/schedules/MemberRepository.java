package dev.vigil.schedules;

import dev.vigil.storage.Sql;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The server and instance ids that belong to execute schedules. */
@Repository
class MemberRepository {

  private final JdbcClient jdbc;

  MemberRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Member ids of one kind, ascending. */
  List<Long> members(long scheduleId, ScheduleMember kind) {
    return jdbc.sql(
            "select "
                + kind.column()
                + " from "
                + kind.table()
                + " where schedule_id = ? order by "
                + kind.column())
        .param(scheduleId)
        .query(Long.class)
        .list();
  }

  /** Adds the ids not yet members; ids already there are left alone. */
  void add(long scheduleId, ScheduleMember kind, List<Long> ids) {
    Set<Long> missing = new LinkedHashSet<>(ids);
    missing.removeAll(new HashSet<>(members(scheduleId, kind)));
    Sql.insertRows(
        jdbc,
        kind.table(),
        List.of("schedule_id", kind.column()),
        missing.stream().map(id -> List.<Object>of(scheduleId, id)).toList());
  }

  /** Removes the ids; ids that are not members are ignored. */
  void remove(long scheduleId, ScheduleMember kind, List<Long> ids) {
    for (long id : Set.copyOf(ids)) {
      jdbc.sql(
              "delete from "
                  + kind.table()
                  + " where schedule_id = ? and "
                  + kind.column()
                  + " = ?")
          .params(scheduleId, id)
          .update();
    }
  }
}
