package dev.vigil.packages.web;

import dev.vigil.packages.Checklist;
import dev.vigil.packages.PackageFile;
import dev.vigil.packages.PackageVersion;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.scap.content.ProfileInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders packages in the Morpheus record shape, plus Vigil's status and version fields. */
final class PackageJson {

  private PackageJson() {}

  static Map<String, Object> record(SecurityPackage p, PackageVersion current) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("name", p.name());
    m.put("labels", p.labels());
    m.put("description", p.description());
    m.put("type", PackageTypes.ref());
    m.put("enabled", p.enabled());
    m.put("url", p.url());
    m.put("uuid", p.uuid());
    m.put("status", p.status().code());
    m.put("statusMessage", p.statusMessage());
    m.put("expectedSha256", p.expectedSha256());
    m.put("acceptInvalid", p.acceptInvalid());
    m.put("currentVersion", current == null ? null : version(current));
    m.put("createdBy", p.createdBy());
    m.put("dateCreated", time(p.createdAt()));
    m.put("lastUpdated", time(p.updatedAt()));
    m.put("config", Map.of());
    return m;
  }

  static Map<String, Object> version(PackageVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.id());
    m.put("version", v.versionNo());
    m.put("sha256", v.sha256());
    m.put("fileName", v.fileName());
    m.put("size", v.sizeBytes());
    m.put("sourceUrl", v.sourceUrl());
    m.put("dateCreated", time(v.fetchedAt()));
    return m;
  }

  static Map<String, Object> checklist(Checklist c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", c.path());
    m.put("kind", c.kind());
    m.put("dataStreamId", c.dataStreamId());
    m.put("componentRefId", c.componentRefId());
    m.put("validationProblem", c.validationProblem());
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", c.benchmarkId());
    b.put("version", c.benchmarkVersion());
    b.put("title", c.title());
    b.put("platforms", c.platforms());
    b.put("ruleCount", c.ruleCount());
    b.put("defaultRuleCount", c.defaultRuleCount());
    m.put("benchmark", b);
    m.put("profiles", c.profiles().stream().map(PackageJson::profile).toList());
    return m;
  }

  static Map<String, Object> file(PackageFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", f.path());
    m.put("kind", f.kind());
    m.put("problem", f.problem());
    return m;
  }

  private static Map<String, Object> profile(ProfileInfo p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("title", p.title());
    m.put("description", p.description());
    m.put("ruleCount", p.ruleCount());
    return m;
  }

  static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  static List<Map<String, Object>> checklists(List<Checklist> list) {
    return list.stream().map(PackageJson::checklist).toList();
  }
}
