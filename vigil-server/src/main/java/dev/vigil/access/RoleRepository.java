package dev.vigil.access;

import dev.vigil.storage.Sql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Reads and writes roles and their permission levels. */
@Repository
class RoleRepository {

  private final JdbcClient jdbc;

  RoleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Role> all() {
    return withGrants(
        jdbc.sql("select id, name, description, built_in from roles order by name, id")
            .query(
                (rs, n) ->
                    new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
            .list());
  }

  Optional<Role> find(long id) {
    return all().stream().filter(r -> r.id() == id).findFirst();
  }

  Optional<Role> findByName(String name) {
    return all().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  List<Role> forUser(long userId) {
    return withGrants(
        jdbc.sql(
                "select r.id, r.name, r.description, r.built_in from roles r"
                    + " join user_roles ur on ur.role_id = r.id where ur.user_id = ? order by r.name")
            .param(userId)
            .query(
                (rs, n) ->
                    new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
            .list());
  }

  long insert(String name, @Nullable String description) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("insert into roles (name, description, built_in) values (?, ?, false)")
        .params(Sql.values(name, description))
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
  }

  void update(long id, String name, @Nullable String description) {
    jdbc.sql("update roles set name = ?, description = ? where id = ?")
        .params(Sql.values(name, description, id))
        .update();
  }

  void setGrants(long id, Grants grants) {
    jdbc.sql("delete from role_permissions where role_id = ?").param(id).update();
    grants
        .levels()
        .forEach(
            (p, l) ->
                jdbc.sql(
                        "insert into role_permissions (role_id, permission_code, access_level)"
                            + " values (?, ?, ?)")
                    .params(id, p.code(), l.code())
                    .update());
  }

  void delete(long id) {
    jdbc.sql("delete from roles where id = ?").param(id).update();
  }

  long countUsers(long roleId) {
    return jdbc.sql("select count(*) from user_roles where role_id = ?")
        .param(roleId)
        .query(Long.class)
        .single();
  }

  private List<Role> withGrants(Collection<Row> rows) {
    Map<Long, Map<Permission, Level>> levels = new HashMap<>();
    jdbc.sql("select role_id, permission_code, access_level from role_permissions")
        .query(
            rs -> {
              levels
                  .computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Permission.class))
                  .put(Permission.fromCode(rs.getString(2)), Level.fromCode(rs.getString(3)));
            });
    List<Role> roles = new ArrayList<>();
    for (Row r : rows) {
      Grants g = new Grants(levels.getOrDefault(r.id(), Map.of()));
      roles.add(new Role(r.id(), r.name(), r.description(), r.builtIn(), g));
    }
    return roles;
  }

  private record Row(long id, String name, @Nullable String description, boolean builtIn) {}
}
