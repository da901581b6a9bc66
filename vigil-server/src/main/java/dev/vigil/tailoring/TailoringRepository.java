package dev.vigil.tailoring;

import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;
import static dev.vigil.storage.Sql.values;

import dev.vigil.scap.content.ScapContentException;
import dev.vigil.scap.tailoring.TailoredProfile;
import dev.vigil.scap.tailoring.TailoringReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The tailorings and their versions' files. */
@Repository
class TailoringRepository {

  private static final String SELECT =
      "select t.*, v.document from security_tailorings t join security_tailoring_versions v"
          + " on v.tailoring_id = t.id and v.version_no = t.version_no";

  private final JdbcClient jdbc;

  TailoringRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(TailoringInput in, TailoredProfile p, String user, Instant now) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into security_tailorings (name, description, package_id, scan_path,"
                + " base_profile, profile_id, title, version_no, created_by, created_at,"
                + " updated_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
        .params(
            in.name(),
            in.description(),
            in.packageId(),
            in.scanPath(),
            p.extendsProfile(),
            p.profileId(),
            p.title(),
            user,
            ts(now),
            ts(now))
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
  }

  /** Adds version {@code versionNo} with its file and makes it the current one. */
  void addVersion(
      long id,
      int versionNo,
      String name,
      @Nullable String description,
      TailoredProfile p,
      String document,
      Long packageVersionId,
      String user,
      Instant now) {
    jdbc.sql(
            "insert into security_tailoring_versions (tailoring_id, version_no,"
                + " package_version_id, document, created_by, created_at) values (?, ?, ?, ?, ?, ?)")
        .params(id, versionNo, packageVersionId, document, user, ts(now))
        .update();
    jdbc.sql(
            "update security_tailorings set version_no = ?, name = ?, description = ?,"
                + " base_profile = ?, profile_id = ?, title = ?, checked_version_id = ?,"
                + " problems = null, updated_at = ? where id = ?")
        .params(
            values(
                versionNo,
                name,
                description,
                p.extendsProfile(),
                p.profileId(),
                p.title(),
                packageVersionId,
                ts(now),
                id))
        .update();
  }

  void recordCheck(long id, long packageVersionId, List<String> problems) {
    jdbc.sql("update security_tailorings set checked_version_id = ?, problems = ? where id = ?")
        .param(packageVersionId)
        .param(problems.isEmpty() ? null : String.join("\n", problems))
        .param(id)
        .update();
  }

  Optional<SecurityTailoring> find(long id) {
    return jdbc.sql(SELECT + " where t.id = ?").param(id).query(this::row).optional();
  }

  boolean nameTaken(long packageId, String scanPath, String name, @Nullable Long except) {
    return jdbc.sql(
                "select count(*) from security_tailorings where package_id = ? and scan_path = ?"
                    + " and lower(name) = lower(?) and id <> ?")
            .params(packageId, scanPath, name, except == null ? -1L : except)
            .query(Long.class)
            .single()
        > 0;
  }

  List<SecurityTailoring> list(Long packageId, String phrase, int max, int offset) {
    List<Object> params = new ArrayList<>();
    String where = where(packageId, phrase, params);
    params.add(max);
    params.add(offset);
    return jdbc.sql(SELECT + where + " order by lower(t.name), t.id limit ? offset ?")
        .params(params)
        .query(this::row)
        .list();
  }

  long count(Long packageId, String phrase) {
    List<Object> params = new ArrayList<>();
    String where = where(packageId, phrase, params);
    return jdbc.sql("select count(*) from security_tailorings t" + where)
        .params(params)
        .query(Long.class)
        .single();
  }

  private static String where(Long packageId, String phrase, List<Object> params) {
    List<String> terms = new ArrayList<>();
    if (packageId != null) {
      terms.add("t.package_id = ?");
      params.add(packageId);
    }
    if (phrase != null && !phrase.isBlank()) {
      terms.add("lower(t.name) like ?");
      params.add("%" + phrase.strip().toLowerCase(java.util.Locale.ROOT) + "%");
    }
    return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
  }

  Optional<TailoringVersion> version(long id, int versionNo) {
    return jdbc.sql(
            "select t.name, v.document from security_tailoring_versions v join"
                + " security_tailorings t on t.id = v.tailoring_id where v.tailoring_id = ?"
                + " and v.version_no = ?")
        .params(id, versionNo)
        .query(
            (rs, n) -> {
              TailoredProfile p = parse(rs.getString("document"), id);
              return new TailoringVersion(
                  id,
                  versionNo,
                  rs.getString("name"),
                  p.profileId(),
                  p.title(),
                  rs.getString("document"));
            })
        .optional();
  }

  private SecurityTailoring row(ResultSet rs, int n) throws SQLException {
    long id = rs.getLong("id");
    String problems = rs.getString("problems");
    return new SecurityTailoring(
        id,
        rs.getString("name"),
        rs.getString("description"),
        rs.getLong("package_id"),
        rs.getString("scan_path"),
        rs.getInt("version_no"),
        parse(rs.getString("document"), id),
        rs.getObject("checked_version_id", Long.class),
        problems == null ? List.of() : Arrays.asList(problems.split("\n")),
        rs.getString("created_by"),
        requiredInstant(rs, "created_at"),
        requiredInstant(rs, "updated_at"));
  }

  /**
   * A stored file, which Vigil wrote and checked: unreadable only when the database was altered.
   */
  static TailoredProfile parse(String document, long id) {
    try {
      return TailoringReader.read(
          new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)), "tailoring " + id);
    } catch (ScapContentException e) {
      throw new IllegalStateException(
          "stored tailoring " + id + " is unreadable: " + e.getMessage());
    }
  }
}
