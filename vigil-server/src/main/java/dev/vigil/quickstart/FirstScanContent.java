package dev.vigil.quickstart;

import dev.vigil.packages.Checklist;
import dev.vigil.packages.PackageInput;
import dev.vigil.packages.PackageQuery;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.PackageStatus;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Picks and registers the content of the first scan, in this order: the installed SCAP Security
 * Guide datastream for this host's OS; else the upstream SCAP Security Guide release archive
 * ({@code vigil.quickstart.upstream-url}), added as a package exactly as a user would add it, and
 * its datastream for this OS; else the bundled Vigil baseline. Each choice says what it is and why.
 */
final class FirstScanContent {

  /** A ready package, the checklist to scan in it, and a line saying which content and why. */
  record Chosen(SecurityPackage pkg, Checklist checklist, String summary) {}

  private static final Pattern RELEASE_DIR = Pattern.compile("scap-security-guide-([^/]+)/");

  private final FirstScan.Settings settings;
  private final PackageService packages;

  FirstScanContent(FirstScan.Settings settings, PackageService packages) {
    this.settings = settings;
    this.packages = packages;
  }

  /** Registers the content for this host (or finds it registered by an earlier first start). */
  Chosen choose(Instant deadline) throws InterruptedException {
    Map<String, String> os = osRelease(settings.osRelease());
    List<String> names = datastreamNames(os);
    String host = hostName(os);
    Optional<Path> installed = installed(settings.ssgDir(), names);
    if (installed.isPresent()) {
      Path ds = installed.get();
      String file = ds.getFileName().toString();
      SecurityPackage pkg =
          ready(
              awaitFetched(
                  register(
                      packageName(file),
                      ds.toUri().toString(),
                      "the installed guide has " + file,
                      false),
                  deadline));
      return new Chosen(
          pkg,
          checklist(pkg, names).orElseThrow(() -> notReady(pkg)),
          "installed SCAP Security Guide: " + file + " for " + host);
    }
    Attempt upstream = upstream(names, host, deadline);
    return upstream.chosen() != null ? upstream.chosen() : baseline(upstream.reason(), deadline);
  }

  /** The upstream content when it could be used, else why not. */
  private record Attempt(Chosen chosen, String reason) {}

  /** Adds the upstream release archive as a package and takes this OS's datastream from it. */
  private Attempt upstream(List<String> names, String host, Instant deadline)
      throws InterruptedException {
    String url = settings.upstreamUrl() == null ? "" : settings.upstreamUrl().trim();
    if (url.isEmpty()) {
      return new Attempt(
          null,
          "the installed guide has no datastream for "
              + host
              + " and no upstream URL is set (vigil.quickstart.upstream-url)");
    }
    if (names.isEmpty()) {
      return new Attempt(
          null, "this OS is unknown (no ID and VERSION_ID in " + settings.osRelease() + ")");
    }
    SecurityPackage pkg;
    try {
      // a release holds every product's datastreams: one this oscap finds invalid (another
      // product's) must not cost this host its own, so invalid ones are kept, marked, as a user
      // may choose (and this host's, if invalid, is scanned with --skip-valid)
      pkg =
          awaitFetched(
              register(
                  archiveName(url),
                  url,
                  "the installed SCAP Security Guide has no " + names.get(0) + " for " + host,
                  true),
              deadline);
    } catch (InvalidInputException e) {
      // the package service refused the URL itself, as it would refuse it in the UI
      return new Attempt(null, "upstream fetch failed: " + String.join("; ", e.errors().values()));
    }
    if (pkg.status() != PackageStatus.READY) {
      return new Attempt(null, "upstream fetch failed: " + pkg.statusMessage());
    }
    Optional<Checklist> c = checklist(pkg, names);
    if (c.isEmpty()) {
      return new Attempt(null, "upstream " + pkg.name() + " has no " + names.get(0));
    }
    String path = c.get().path();
    return new Attempt(
        new Chosen(
            pkg,
            c.get(),
            "upstream SCAP Security Guide "
                + version(path, pkg.name())
                + ": "
                + path.substring(path.lastIndexOf('/') + 1)
                + " (the installed guide has none for "
                + host
                + ")"),
        null);
  }

  private Chosen baseline(String reason, Instant deadline) throws InterruptedException {
    Path baseline = settings.baseline();
    if (!Files.isRegularFile(baseline)) {
      throw new IllegalStateException(reason + ", and there is no baseline at " + baseline);
    }
    Path ds = baseline.toAbsolutePath().normalize();
    SecurityPackage pkg =
        ready(
            awaitFetched(
                register(
                    packageName(ds.getFileName().toString()),
                    ds.toUri().toString(),
                    "the bundled Vigil baseline: " + reason,
                    false),
                deadline));
    Checklist c =
        packages.checklists(pkg.id()).stream().findFirst().orElseThrow(() -> notReady(pkg));
    return new Chosen(pkg, c, "bundled Vigil baseline: " + reason);
  }

  /**
   * The package named {@code name} (an earlier first start that stopped half-way left it; fetched
   * again when that fetch had failed, as a user would refresh it), else a new one for {@code url},
   * added through the package service as the UI adds it.
   */
  private SecurityPackage register(String name, String url, String why, boolean acceptInvalid) {
    Optional<SecurityPackage> earlier =
        packages.list(new PackageQuery(exactly(name), List.of(), List.of())).stream().findFirst();
    if (earlier.isPresent()) {
      SecurityPackage p = earlier.get();
      return p.status() == PackageStatus.FAILED ? packages.refresh(p.id()) : p;
    }
    return packages.create(
        new PackageInput(
            name,
            "Added by the first start: " + why,
            url,
            true,
            null,
            List.of("first-scan"),
            acceptInvalid),
        "first start");
  }

  /** Waits until the package is fetched and indexed, or failed. */
  private SecurityPackage awaitFetched(SecurityPackage pkg, Instant deadline)
      throws InterruptedException {
    await(deadline, () -> !packages.get(pkg.id()).status().inProgress());
    return packages.get(pkg.id());
  }

  private Optional<Checklist> checklist(SecurityPackage pkg, List<String> names) {
    List<Checklist> all = packages.checklists(pkg.id());
    return names.stream()
        .flatMap(
            name ->
                all.stream().filter(c -> c.path().equals(name) || c.path().endsWith("/" + name)))
        .findFirst();
  }

  private SecurityPackage ready(SecurityPackage pkg) {
    if (pkg.status() != PackageStatus.READY) {
      throw notReady(pkg);
    }
    return pkg;
  }

  private static IllegalStateException notReady(SecurityPackage pkg) {
    return new IllegalStateException(
        "package " + pkg.name() + " is " + pkg.status().code() + ": " + pkg.statusMessage());
  }

  /**
   * The SSG datastream names for this OS, most precise first: {@code ssg-<ID><VERSION_ID without
   * dots>-ds.xml}, then {@code ssg-<ID><major>-ds.xml} (e.g. {@code ssg-ubuntu2204-ds.xml}, {@code
   * ssg-debian12-ds.xml}); empty when os-release does not say.
   */
  static List<String> datastreamNames(Map<String, String> os) {
    String id = os.getOrDefault("ID", "").toLowerCase(Locale.ROOT).trim();
    String version = os.getOrDefault("VERSION_ID", "").trim();
    List<String> names = new ArrayList<>();
    for (String v : List.of(version.replace(".", ""), version.replaceAll("\\..*", ""))) {
      String name = "ssg-" + id + v + "-ds.xml";
      if (!id.isEmpty() && !v.isEmpty() && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** The first of {@code names} installed in {@code ssgDir}. */
  static Optional<Path> installed(Path ssgDir, List<String> names) {
    return names.stream().map(ssgDir::resolve).filter(Files::isRegularFile).findFirst();
  }

  /** The release of an upstream checklist path ({@code scap-security-guide-0.1.82/…}). */
  static String version(String checklistPath, String packageName) {
    Matcher m = RELEASE_DIR.matcher(checklistPath);
    if (m.find()) {
      return m.group(1);
    }
    Matcher n = Pattern.compile("scap-security-guide-(.+)").matcher(packageName);
    return n.matches() ? n.group(1) : "(" + packageName + ")";
  }

  /** The archive's file name without its extension: {@code scap-security-guide-0.1.82}. */
  static String archiveName(String url) {
    String path = url.replaceAll("[?#].*$", "");
    String file = path.substring(path.lastIndexOf('/') + 1);
    String name = file.replaceAll("\\.(zip|tar\\.gz|tgz|tar\\.bz2|tar)$", "");
    return name.isBlank() ? "scap-security-guide-upstream" : name;
  }

  private static String hostName(Map<String, String> os) {
    String name =
        os.getOrDefault(
                "PRETTY_NAME", os.getOrDefault("ID", "") + " " + os.getOrDefault("VERSION_ID", ""))
            .trim();
    return name.isEmpty() ? "this OS" : name;
  }

  /** KEY=value pairs of an os-release file, quotes removed; empty when unreadable. */
  static Map<String, String> osRelease(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.contains("=") && !l.startsWith("#"))
          .collect(
              Collectors.toMap(
                  l -> l.substring(0, l.indexOf('=')).trim(),
                  l -> l.substring(l.indexOf('=') + 1).trim().replaceAll("^\"|\"$", ""),
                  (a, b) -> a));
    } catch (IOException e) {
      return Map.of();
    }
  }

  private static String packageName(String file) {
    return file.replaceAll("(-ds)?\\.xml$", "");
  }

  private static ListQuery exactly(String name) {
    return new ListQuery(1, 0, null, name, null, false);
  }

  static void await(Instant deadline, BooleanSupplier done) throws InterruptedException {
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the first scan did not finish in time");
      }
      Thread.sleep(500);
    }
  }
}
