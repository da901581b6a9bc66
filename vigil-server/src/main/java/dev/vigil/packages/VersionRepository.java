package dev.vigil.packages;

import static dev.vigil.storage.Sql.requiredInstant;
import static dev.vigil.storage.Sql.ts;
import static dev.vigil.storage.Sql.values;

import dev.vigil.scap.content.ProfileInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Package versions and their index (files, checklists, profiles) in the database. */
@Repository
class VersionRepository {

  private static final String VERSION_COLUMNS =
      "id, package_id, version_no, sha256, file_name, size_bytes, source_url, fetched_at";

  private final JdbcClient jdbc;

  VersionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insertVersion(PackageVersion v) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "insert into security_package_versions (package_id, version_no, sha256, file_name,"
                + " size_bytes, source_url, fetched_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            v.packageId(),
            v.versionNo(),
            v.sha256(),
            v.fileName(),
            v.sizeBytes(),
            v.sourceUrl(),
            ts(v.fetchedAt()))
        .update(keys, "id");
    return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
  }

  int nextVersionNo(long packageId) {
    return jdbc.sql(
            "select coalesce(max(version_no), 0) + 1 from security_package_versions"
                + " where package_id = ?")
        .param(packageId)
        .query(Integer.class)
        .single();
  }

  Optional<PackageVersion> find(long versionId) {
    return jdbc.sql("select " + VERSION_COLUMNS + " from security_package_versions where id = ?")
        .param(versionId)
        .query(this::version)
        .optional();
  }

  List<PackageVersion> versions(long packageId) {
    return jdbc.sql(
            "select "
                + VERSION_COLUMNS
                + " from security_package_versions where package_id = ?"
                + " order by version_no desc")
        .param(packageId)
        .query(this::version)
        .list();
  }

  /** Blob addresses used by this package's versions and by no other package's. */
  List<String> blobsOnlyUsedBy(long packageId) {
    return jdbc.sql(
            "select distinct v.sha256 from security_package_versions v where v.package_id = ?"
                + " and not exists (select 1 from security_package_versions o"
                + " where o.sha256 = v.sha256 and o.package_id <> v.package_id)")
        .param(packageId)
        .query(String.class)
        .list();
  }

  void insertFiles(long versionId, List<PackageFile> files) {
    for (PackageFile f : files) {
      jdbc.sql(
              "insert into security_package_files (version_id, path, kind, problem)"
                  + " values (?, ?, ?, ?)")
          .params(values(versionId, f.path(), f.kind(), f.problem()))
          .update();
    }
  }

  List<PackageFile> files(long versionId) {
    return jdbc.sql(
            "select path, kind, problem from security_package_files where version_id = ?"
                + " order by path")
        .param(versionId)
        .query((rs, n) -> new PackageFile(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  void insertChecklists(long versionId, List<Checklist> checklists) {
    int position = 0;
    for (Checklist c : checklists) {
      KeyHolder keys = new GeneratedKeyHolder();
      jdbc.sql(
              "insert into security_package_checklists (version_id, position, path, kind,"
                  + " data_stream_id, component_ref_id, benchmark_id, benchmark_version, title,"
                  + " platforms, rule_count, default_rule_count, validation_problem)"
                  + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              values(
                  versionId,
                  position++,
                  c.path(),
                  c.kind(),
                  c.dataStreamId(),
                  c.componentRefId(),
                  c.benchmarkId(),
                  c.benchmarkVersion(),
                  c.title(),
                  String.join(" ", c.platforms()),
                  c.ruleCount(),
                  c.defaultRuleCount(),
                  c.validationProblem()))
          .update(keys, "id");
      insertProfiles(
          Objects.requireNonNull(keys.getKey(), "generated id").longValue(), c.profiles());
    }
  }

  private void insertProfiles(long checklistId, List<ProfileInfo> profiles) {
    int position = 0;
    for (ProfileInfo p : profiles) {
      jdbc.sql(
              "insert into security_package_profiles (checklist_id, position, profile_id, title,"
                  + " description, rule_count) values (?, ?, ?, ?, ?, ?)")
          .params(checklistId, position++, p.id(), p.title(), p.description(), p.ruleCount())
          .update();
    }
  }

  List<Checklist> checklists(long versionId) {
    Map<Long, List<ProfileInfo>> profiles = profilesByChecklist(versionId);
    return jdbc.sql(
            "select id, path, kind, data_stream_id, component_ref_id, benchmark_id,"
                + " benchmark_version, title, platforms, rule_count, default_rule_count,"
                + " validation_problem from security_package_checklists where version_id = ? order by position")
        .param(versionId)
        .query((rs, n) -> checklist(rs, profiles))
        .list();
  }

  private Map<Long, List<ProfileInfo>> profilesByChecklist(long versionId) {
    Map<Long, List<ProfileInfo>> byChecklist = new LinkedHashMap<>();
    jdbc.sql(
            "select p.checklist_id, p.profile_id, p.title, p.description, p.rule_count"
                + " from security_package_profiles p join security_package_checklists c"
                + " on c.id = p.checklist_id where c.version_id = ?"
                + " order by p.checklist_id, p.position")
        .param(versionId)
        .query(
            rs -> {
              byChecklist
                  .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                  .add(
                      new ProfileInfo(
                          rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
            });
    return byChecklist;
  }

  private Checklist checklist(ResultSet rs, Map<Long, List<ProfileInfo>> profiles)
      throws SQLException {
    long id = rs.getLong("id");
    String platforms = rs.getString("platforms");
    return new Checklist(
        id,
        rs.getString("path"),
        rs.getString("kind"),
        rs.getString("data_stream_id"),
        rs.getString("component_ref_id"),
        rs.getString("benchmark_id"),
        rs.getString("benchmark_version"),
        rs.getString("title"),
        platforms == null || platforms.isBlank() ? List.of() : Arrays.asList(platforms.split(" ")),
        rs.getInt("rule_count"),
        rs.getInt("default_rule_count"),
        profiles.getOrDefault(id, List.of()),
        rs.getString("validation_problem"));
  }

  private PackageVersion version(ResultSet rs, int n) throws SQLException {
    return new PackageVersion(
        rs.getLong("id"),
        rs.getLong("package_id"),
        rs.getInt("version_no"),
        rs.getString("sha256"),
        rs.getString("file_name"),
        rs.getLong("size_bytes"),
        rs.getString("source_url"),
        requiredInstant(rs, "fetched_at"));
  }
}
