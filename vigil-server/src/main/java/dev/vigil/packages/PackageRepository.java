package dev.vigil.packages;

import static dev.vigil.storage.Sql.marks;
import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;
import static dev.vigil.storage.Sql.values;

import dev.vigil.storage.LabelTable;
import dev.vigil.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Security packages and their labels in the database. */
@Repository
class PackageRepository {

  private static final Map<String, String> SORTS =
      Map.of(
          "id", "p.id",
          "name", "lower(p.name)",
          "dateCreated", "p.created_at",
          "lastUpdated", "p.updated_at",
          "status", "p.status");

  private static final String COLUMNS =
      "p.id, p.uuid, p.name, p.description, p.url, p.enabled, p.expected_sha256,"
          + " p.accept_invalid, p.status,"
          + " p.status_message, p.current_version_id, p.created_by, p.created_at, p.updated_at";

  private final JdbcClient jdbc;
  private final LabelTable labels;

  PackageRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.labels = new LabelTable(jdbc, "security_package_labels", "package_id");
  }

  long insert(SecurityPackage p) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into security_packages (uuid, name, description, url, enabled, expected_sha256,"
                + " accept_invalid, status, status_message, current_version_id, created_by,"
                + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            values(
                p.uuid(),
                p.name(),
                p.description(),
                p.url(),
                p.enabled(),
                p.expectedSha256(),
                p.acceptInvalid(),
                p.status().name(),
                p.statusMessage(),
                p.currentVersionId(),
                p.createdBy(),
                ts(p.createdAt()),
                ts(p.updatedAt())))
        .update(keys, "id");
    long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    labels.write(id, p.labels());
    return id;
  }

  void update(SecurityPackage p) {
    jdbc.sql(
            "update security_packages set name = ?, description = ?, url = ?, enabled = ?,"
                + " expected_sha256 = ?, accept_invalid = ?, status = ?, status_message = ?,"
                + " current_version_id = ?,"
                + " updated_at = ? where id = ?")
        .params(
            values(
                p.name(),
                p.description(),
                p.url(),
                p.enabled(),
                p.expectedSha256(),
                p.acceptInvalid(),
                p.status().name(),
                p.statusMessage(),
                p.currentVersionId(),
                ts(p.updatedAt()),
                p.id()))
        .update();
    labels.replace(p.id(), p.labels());
  }

  Optional<SecurityPackage> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from security_packages p where p.id = ?")
        .param(id)
        .query(this::row)
        .optional()
        .map(this::withLabels);
  }

  /** Like {@link #find} but locks the row until the transaction ends. */
  Optional<SecurityPackage> findForUpdate(long id) {
    return jdbc.sql("select " + COLUMNS + " from security_packages p where p.id = ? for update")
        .param(id)
        .query(this::row)
        .optional()
        .map(this::withLabels);
  }

  boolean nameTaken(String name, @Nullable Long exceptId) {
    return jdbc.sql(
                "select count(*) from security_packages where lower(name) = lower(?) and id <> ?")
            .params(name, exceptId == null ? -1L : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  List<SecurityPackage> list(PackageQuery q) {
    List<Object> params = new ArrayList<>();
    String where = where(q, params);
    String order = SORTS.getOrDefault(q.list().sortOr(SORTS.keySet(), "name"), "lower(p.name)");
    String sql =
        "select "
            + COLUMNS
            + " from security_packages p"
            + where
            + " order by "
            + order
            + (q.list().descending() ? " desc" : " asc")
            + ", p.id limit ? offset ?";
    params.add(q.list().max());
    params.add(q.list().offset());
    return jdbc.sql(sql).params(params).query(this::row).list().stream()
        .map(this::withLabels)
        .toList();
  }

  long count(PackageQuery q) {
    List<Object> params = new ArrayList<>();
    String sql = "select count(*) from security_packages p" + where(q, params);
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }

  void delete(long id) {
    jdbc.sql("delete from security_packages where id = ?").param(id).update();
  }

  /** Ids of packages waiting for or in the middle of a fetch (to resume after a restart). */
  List<Long> inProgressIds() {
    return jdbc.sql("select id from security_packages where status in ('PENDING', 'FETCHING')")
        .query(Long.class)
        .list();
  }

  private static String where(PackageQuery q, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (q.list().name() != null) {
      clauses.add("p.name = ?");
      params.add(q.list().name());
    }
    if (q.list().phrase() != null) {
      clauses.add("(lower(p.name) like ? or lower(coalesce(p.description, '')) like ?)");
      String like = Sql.contains(q.list().phrase());
      params.add(like);
      params.add(like);
    }
    if (!q.anyLabels().isEmpty()) {
      clauses.add(
          "exists (select 1 from security_package_labels l where l.package_id = p.id and l.label in ("
              + marks(q.anyLabels().size())
              + "))");
      params.addAll(q.anyLabels());
    }
    for (String label : Set.copyOf(q.allLabels())) {
      clauses.add(
          "exists (select 1 from security_package_labels l where l.package_id = p.id and l.label = ?)");
      params.add(label);
    }
    return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
  }

  private SecurityPackage withLabels(SecurityPackage p) {
    return new SecurityPackage(
        p.id(),
        p.uuid(),
        p.name(),
        p.description(),
        p.url(),
        p.enabled(),
        p.expectedSha256(),
        p.acceptInvalid(),
        labels.read(p.id()),
        p.status(),
        p.statusMessage(),
        p.currentVersionId(),
        p.createdBy(),
        p.createdAt(),
        p.updatedAt());
  }

  private SecurityPackage row(ResultSet rs, int n) throws SQLException {
    return new SecurityPackage(
        rs.getLong("id"),
        rs.getString("uuid"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("url"),
        rs.getBoolean("enabled"),
        rs.getString("expected_sha256"),
        rs.getBoolean("accept_invalid"),
        List.of(),
        PackageStatus.valueOf(rs.getString("status")),
        rs.getString("status_message"),
        rs.getObject("current_version_id", Long.class),
        rs.getString("created_by"),
        requiredInstant(rs, "created_at"),
        requiredInstant(rs, "updated_at"));
  }
}
