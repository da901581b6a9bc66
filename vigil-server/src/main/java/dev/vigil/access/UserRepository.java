package dev.vigil.access;

import dev.vigil.shared.ListQuery;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Reads and writes users and their role assignments. */
@Repository
public class UserRepository {

  private static final String COLUMNS =
      "id, username, display_name, email, password_hash, enabled, created_at, updated_at";
  private static final Map<String, String> SORTS =
      Map.of("id", "id", "username", "username", "name", "username", "displayName", "display_name");

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<User> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from users where id = ?")
        .param(id)
        .query(UserRepository::map)
        .optional();
  }

  Optional<User> findByUsername(String username) {
    return jdbc.sql("select " + COLUMNS + " from users where username = ?")
        .param(username)
        .query(UserRepository::map)
        .optional();
  }

  long count() {
    return jdbc.sql("select count(*) from users").query(Long.class).single();
  }

  List<User> list(ListQuery q) {
    Filter f = filter(q);
    String order = SORTS.getOrDefault(q.sortOr(SORTS.keySet(), "username"), "username");
    String sql =
        "select "
            + COLUMNS
            + " from users"
            + f.where()
            + " order by "
            + order
            + (q.descending() ? " desc" : "")
            + ", id limit ? offset ?";
    List<Object> params = new ArrayList<>(f.params());
    params.add(q.max());
    params.add(q.offset());
    return jdbc.sql(sql).params(params).query(UserRepository::map).list();
  }

  long total(ListQuery q) {
    Filter f = filter(q);
    return jdbc.sql("select count(*) from users" + f.where())
        .params(f.params())
        .query(Long.class)
        .single();
  }

  long insert(User u) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into users (username, display_name, email, password_hash, enabled,"
                + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(Sql.values(u.username(), u.displayName(), u.email(), u.passwordHash(), u.enabled()))
        .param(u.createdAt())
        .param(u.updatedAt())
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
  }

  void update(User u) {
    jdbc.sql(
            "update users set username = ?, display_name = ?, email = ?, password_hash = ?,"
                + " enabled = ?, updated_at = ? where id = ?")
        .params(Sql.values(u.username(), u.displayName(), u.email(), u.passwordHash(), u.enabled()))
        .param(u.updatedAt())
        .param(u.id())
        .update();
  }

  void delete(long id) {
    jdbc.sql("delete from users where id = ?").param(id).update();
  }

  List<Long> roleIds(long userId) {
    return jdbc.sql("select role_id from user_roles where user_id = ? order by role_id")
        .param(userId)
        .query(Long.class)
        .list();
  }

  void setRoles(long userId, List<Long> roleIds) {
    jdbc.sql("delete from user_roles where user_id = ?").param(userId).update();
    for (long roleId : roleIds) {
      jdbc.sql("insert into user_roles (user_id, role_id) values (?, ?)")
          .params(userId, roleId)
          .update();
    }
  }

  /** Enabled users holding the built-in Administrator role. */
  long countEnabledAdministrators() {
    return jdbc.sql(
            "select count(distinct u.id) from users u join user_roles ur on ur.user_id = u.id"
                + " join roles r on r.id = ur.role_id"
                + " where u.enabled = true and r.built_in = true and r.name = ?")
        .param(Role.ADMINISTRATOR)
        .query(Long.class)
        .single();
  }

  private static Filter filter(ListQuery q) {
    List<String> clauses = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (q.name() != null) {
      clauses.add("username = ?");
      params.add(q.name());
    }
    if (q.phrase() != null) {
      clauses.add(
          "(lower(username) like ? or lower(coalesce(display_name, '')) like ?"
              + " or lower(coalesce(email, '')) like ?)");
      String like = Sql.contains(q.phrase());
      params.addAll(List.of(like, like, like));
    }
    String where = clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    return new Filter(where, params);
  }

  private static User map(ResultSet rs, int row) throws SQLException {
    return new User(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("display_name"),
        rs.getString("email"),
        rs.getString("password_hash"),
        rs.getBoolean("enabled"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  private record Filter(String where, List<Object> params) {}
}
