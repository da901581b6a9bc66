package dev.vigil.quickstart;

import dev.vigil.executions.ExecutionService;
import dev.vigil.executions.JobExecution;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerInput;
import dev.vigil.inventory.ServerService;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobInput;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.packages.Checklist;
import dev.vigil.packages.PackageService;
import dev.vigil.packages.SecurityPackage;
import dev.vigil.results.ResultService;
import dev.vigil.results.ScanQuery;
import dev.vigil.results.SecurityScan;
import dev.vigil.scap.content.ProfileInfo;
import dev.vigil.shared.ListQuery;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A first scan on a fresh install ({@code vigil.quickstart.first-scan=true}, as {@code
 * scripts/start.sh} starts Vigil): registers this host as a {@code local} server, the content
 * {@link FirstScanContent} picks as a security package (the installed SCAP Security Guide
 * datastream for this host's OS, else the upstream SSG release archive, else the project's own
 * small Linux baseline), makes the job "First scan" for its standard profile and executes it once.
 * Each step goes through the same services as the UI and the API. Done once: when the job exists,
 * nothing is made again. Its last log line, {@code Vigil first scan: …}, is what the start script
 * waits for and shows.
 */
@Component
@ConditionalOnProperty(name = "vigil.quickstart.first-scan", havingValue = "true")
@EnableConfigurationProperties(FirstScan.Settings.class)
class FirstScan {

  static final String JOB_NAME = "First scan";
  private static final Logger log = LoggerFactory.getLogger(FirstScan.class);
  private static final String SSG_STANDARD = "xccdf_org.ssgproject.content_profile_standard";

  /**
   * The upstream SCAP Security Guide release archive added when the installed guide lacks this OS.
   */
  static final String UPSTREAM_RELEASE =
      "https://github.com/ComplianceAsCode/content/releases/download/v0.1.82/"
          + "scap-security-guide-0.1.82.zip";

  /**
   * @param ssgDir where the SCAP Security Guide datastreams are installed
   * @param baseline the project's Linux baseline datastream, used when no SSG content fits this OS
   * @param osRelease the os-release file naming this host's OS
   * @param upstreamUrl the SCAP Security Guide release archive added as a package when the
   *     installed guide has no datastream for this OS; empty: go straight to the baseline
   * @param timeout how long the first scan may take, package fetches included
   */
  @ConfigurationProperties("vigil.quickstart")
  record Settings(
      @DefaultValue("false") boolean firstScan,
      @DefaultValue("/usr/share/xml/scap/ssg/content") Path ssgDir,
      @DefaultValue("quickstart/vigil-linux-baseline-ds.xml") Path baseline,
      @DefaultValue("/etc/os-release") Path osRelease,
      @DefaultValue(UPSTREAM_RELEASE) String upstreamUrl,
      @DefaultValue("30m") Duration timeout) {}

  private final Settings settings;
  private final PackageService packages;
  private final ServerService servers;
  private final JobService jobs;
  private final ExecutionService executions;
  private final ResultService results;
  private final FirstScanContent content;

  FirstScan(
      Settings settings,
      PackageService packages,
      ServerService servers,
      JobService jobs,
      ExecutionService executions,
      ResultService results) {
    this.settings = settings;
    this.packages = packages;
    this.servers = servers;
    this.jobs = jobs;
    this.executions = executions;
    this.results = results;
    this.content = new FirstScanContent(settings, packages);
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    Thread t = new Thread(this::runQuietly, "vigil-first-scan");
    t.setDaemon(true);
    t.start();
  }

  private void runQuietly() {
    try {
      log.info("Vigil first scan: {}", run());
    } catch (RuntimeException | InterruptedException e) {
      log.warn("Vigil first scan: failed: {}", e.getMessage(), e);
    }
  }

  /** Sets up and runs the first scan; returns its one-line summary. */
  String run() throws InterruptedException {
    if (!jobs.list(new JobQuery(exactly(JOB_NAME), List.of(), List.of())).isEmpty()) {
      return "already set up (job \"" + JOB_NAME + "\" exists); nothing done";
    }
    Instant deadline = Instant.now().plus(settings.timeout());
    FirstScanContent.Chosen chosen = content.choose(deadline);
    log.info("first scan content: {}", chosen.summary());
    SecurityPackage pkg = chosen.pkg();
    Checklist checklist = chosen.checklist();
    String profile = profile(checklist);
    String hostName = hostName();
    ServerInput host = localServer(hostName);
    Server server =
        servers.list(exactly(hostName)).stream().findFirst().orElseGet(() -> servers.create(host));
    Job job =
        jobs.create(
            new JobInput(
                JOB_NAME,
                "This host scanned once by the first start of Vigil.",
                List.of("first-scan"),
                true,
                Long.toString(pkg.id()),
                checklist.path(),
                profile,
                "manual",
                null,
                "server",
                List.of(Long.toString(server.id())),
                null,
                null,
                null,
                null),
            null);
    JobExecution e = executions.execute(job.id(), "manual", null);
    FirstScanContent.await(deadline, () -> executions.get(e.id()).status().ended());
    JobExecution ended = executions.get(e.id());
    List<SecurityScan> scans =
        results.list(
            new ScanQuery(
                new ListQuery(1, 0, null, null, null, true), List.of(server.id()), List.of()));
    if (scans.isEmpty()) {
      String reason =
          executions.runs(e.id()).stream()
              .map(r -> r.reason() == null ? r.status().code() : r.reason())
              .collect(Collectors.joining("; "));
      return "execution "
          + e.id()
          + " "
          + ended.status().code()
          + " without a scan: "
          + reason
          + "; content: "
          + chosen.summary();
    }
    SecurityScan s = scans.get(0);
    return String.format(
        Locale.ROOT,
        "server %s (id %d) scanned with %s of %s: execution %d %s, security scan %d: pass %d,"
            + " fail %d, other %d%s; content: %s",
        server.name(),
        server.id(),
        profile,
        pkg.name(),
        e.id(),
        ended.status().code(),
        s.id(),
        s.passCount(),
        s.failCount(),
        s.otherCount(),
        s.score() == null ? "" : String.format(Locale.ROOT, ", score %.1f", s.score()),
        chosen.summary());
  }

  /** The list query of the one record named {@code name}. */
  private static ListQuery exactly(String name) {
    return new ListQuery(1, 0, null, name, null, false);
  }

  /** The SSG "standard" profile when there is one, else the profile selecting the most rules. */
  private static String profile(Checklist c) {
    Optional<ProfileInfo> standard =
        c.profiles().stream().filter(p -> p.id().equals(SSG_STANDARD)).findFirst();
    return standard
        .or(
            () ->
                c.profiles().stream()
                    .max(java.util.Comparator.comparingInt(ProfileInfo::ruleCount)))
        .map(ProfileInfo::id)
        .orElseThrow(() -> new IllegalStateException(c.path() + " has no profile"));
  }

  /** The name of the local server: this machine's host name. */
  private static String hostName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "vigil-host";
    }
    return host.isBlank() ? "vigil-host" : host;
  }

  private static ServerInput localServer(String name) {
    boolean root = "root".equals(System.getProperty("user.name"));
    return new ServerInput(
        name,
        "localhost",
        null,
        null,
        null,
        false,
        root ? "root" : "sudo",
        "local",
        null,
        List.of("first-scan"),
        "This host, registered by the first start of Vigil.");
  }
}
