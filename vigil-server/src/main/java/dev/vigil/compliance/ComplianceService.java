package dev.vigil.compliance;

import dev.vigil.compliance.ComplianceRepository.FailedRun;
import dev.vigil.compliance.ComplianceRepository.JobContent;
import dev.vigil.compliance.ComplianceRepository.JobTarget;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobService;
import dev.vigil.results.ComplianceRules;
import dev.vigil.results.ComplianceScan;
import dev.vigil.results.ComplianceStatus;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.waivers.WaiverCoverage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compliance of servers: per server and (benchmark, profile) pair from the latest scan, failed
 * target runs and the governing job's cadence (see {@link ComplianceRules}); per server the worst
 * of its pairs; per job over its targets; and the fleet's daily compliant and non-compliant
 * servers. Every answer comes from a few grouped queries, whatever the number of servers and scans.
 */
@Service
@Transactional(readOnly = true)
public class ComplianceService {

  private final ComplianceRepository repo;
  private final ComplianceProfiles profiles;
  private final ServerService servers;
  private final JobService jobs;
  private final ScheduleService schedules;
  private final ComplianceSettings settings;
  private final ScanWaivers waivers;
  private final Clock clock;

  ComplianceService(
      ComplianceRepository repo,
      ServerService servers,
      JobService jobs,
      ScheduleService schedules,
      ComplianceSettings settings,
      ScanWaivers waivers,
      Clock clock) {
    this.repo = repo;
    this.waivers = waivers;
    this.profiles = new ComplianceProfiles(repo, waivers);
    this.servers = servers;
    this.jobs = jobs;
    this.schedules = schedules;
    this.settings = settings;
    this.clock = clock;
  }

  /** One server's compliance; NotFoundException (404) for an unknown server. */
  public ComplianceServer server(long serverId) {
    Server s = servers.get(serverId);
    List<ComplianceProfile> found =
        profiles.of(List.of(serverId), cadence()).getOrDefault(serverId, List.of());
    return new ComplianceServer(s.id(), s.name(), overall(found), found);
  }

  /**
   * The latest {@code max} scans of one of the server's pairs, newest first; NotFoundException
   * (404) for an unknown server.
   */
  public List<ComplianceScore> trend(long serverId, String benchmarkId, String profileId, int max) {
    servers.get(serverId);
    return repo.trend(serverId, benchmarkId, profileId, max);
  }

  /** The overall status of each of these servers (never scanned for one with no pair). */
  public Map<Long, ComplianceStatus> statuses(List<Long> serverIds) {
    Map<Long, List<ComplianceProfile>> all = profiles.of(List.copyOf(serverIds), cadence());
    Map<Long, ComplianceStatus> out = new LinkedHashMap<>();
    serverIds.forEach(id -> out.put(id, overall(all.getOrDefault(id, List.of()))));
    return out;
  }

  /**
   * The compliance of these servers ({@code null}: every server that has a pair), each with its
   * pairs, from the same few grouped queries as {@link #statuses}; servers that no longer exist are
   * left out. For those who watch statuses change (notifications).
   */
  public List<ComplianceServer> servers(List<Long> serverIds) {
    Map<Long, List<ComplianceProfile>> all =
        profiles.of(serverIds == null ? null : List.copyOf(serverIds), cadence());
    List<Long> ids = serverIds == null ? new ArrayList<>(all.keySet()) : serverIds;
    Map<Long, String> names = servers.namesByIds(ids);
    List<ComplianceServer> out = new ArrayList<>();
    for (long id : ids) {
      String name = names.get(id);
      if (name != null) {
        List<ComplianceProfile> found = all.getOrDefault(id, List.of());
        out.add(new ComplianceServer(id, name, overall(found), found));
      }
    }
    return out;
  }

  /**
   * The dashboard's three answers ({@link #fleetCounts}, {@link #jobs}, {@link #fleetTrend}) from
   * one read of what they share (waivers, jobs' content, failed runs, targets, jobs and cadence).
   */
  public Dashboard dashboard(int days) {
    ComplianceCadence cadence = cadence();
    ComplianceProfiles.Shared shared =
        new ComplianceProfiles.Shared(
            waivers.coverage(), repo.jobContent(), repo.lastFailures(null), repo.targets(null));
    return new Dashboard(
        fleetCounts(profiles.of(null, cadence, shared)), jobs(cadence, shared), fleetTrend(days));
  }

  /** The fleet per status, each job's targets per status, and the last days of the fleet. */
  public record Dashboard(
      Map<ComplianceStatus, Long> fleet, List<ComplianceJob> jobs, List<ComplianceDay> days) {}

  /** How many servers of the whole fleet stand at each status, every status present. */
  public Map<ComplianceStatus, Long> fleetCounts() {
    return fleetCounts(profiles.of(null, cadence()));
  }

  private Map<ComplianceStatus, Long> fleetCounts(Map<Long, List<ComplianceProfile>> all) {
    Map<ComplianceStatus, Long> counts = new EnumMap<>(ComplianceStatus.class);
    for (ComplianceStatus s : ComplianceStatus.values()) {
      counts.put(s, 0L);
    }
    all.values().forEach(p -> counts.merge(overall(p), 1L, Long::sum));
    long unseen = Math.max(0, repo.serverCount() - all.size());
    counts.merge(ComplianceStatus.NEVER_SCANNED, unseen, Long::sum);
    return counts;
  }

  /**
   * Per job that targets at least one server: its targets by status, judged by the job's own latest
   * scan of each (never scanned: no scan from this job) and its failed runs.
   */
  public List<ComplianceJob> jobs() {
    return jobs(cadence(), null);
  }

  private List<ComplianceJob> jobs(ComplianceCadence cadence, ComplianceProfiles.Shared shared) {
    Map<Long, JobContent> content = shared == null ? repo.jobContent() : shared.content();
    List<ComplianceJob> out = new ArrayList<>();
    jobStatuses(cadence, shared)
        .forEach(
            (jobId, byServer) ->
                cadence
                    .job(jobId)
                    .ifPresent(job -> out.add(jobCompliance(job, content.get(jobId), byServer))));
    out.sort(Comparator.comparing(j -> j.jobName().toLowerCase(java.util.Locale.ROOT)));
    return out;
  }

  /**
   * One job's targets by status as {@link #jobs()} counts them (its benchmark and profile, each
   * target judged by the job's own latest scan of it); empty for a job that does not exist.
   */
  public java.util.Optional<ComplianceJob> job(long jobId) {
    ComplianceCadence cadence = cadence();
    return cadence
        .job(jobId)
        .map(
            job ->
                jobCompliance(
                    job,
                    repo.jobContent().get(jobId),
                    jobStatuses(cadence, null).getOrDefault(jobId, Map.of())));
  }

  /** Every pair of every server, by server id. */
  Map<Long, List<ComplianceProfile>> allPairs() {
    return profiles.of(null, cadence());
  }

  /** Every server's id, ascending. */
  List<Long> allServerIds() {
    return repo.serverIds();
  }

  /**
   * Whether the job exists and, when it does, the status of each server it targets (by id) as
   * {@link #jobs()} counts them.
   */
  java.util.Optional<Map<Long, ComplianceStatus>> jobTargets(long jobId) {
    ComplianceCadence cadence = cadence();
    if (cadence.job(jobId).isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(jobStatuses(cadence, null).getOrDefault(jobId, Map.of()));
  }

  /**
   * Per job (by id) that targets a server: each target's status by the job's own scans and runs.
   */
  private Map<Long, Map<Long, ComplianceStatus>> jobStatuses(
      ComplianceCadence cadence, ComplianceProfiles.Shared shared) {
    WaiverCoverage coverage = shared == null ? waivers.coverage() : shared.coverage();
    Map<Long, Map<Long, ComplianceScan>> latest = repo.latestPerJob();
    Map<String, Instant> failed = new HashMap<>();
    for (FailedRun f : shared == null ? repo.lastFailures(null) : shared.failures()) {
      failed.merge(f.jobId() + "\t" + f.serverId(), f.endedAt(), ComplianceService::later);
    }
    Map<Long, Map<Long, ComplianceStatus>> out = new TreeMap<>();
    for (JobTarget t : shared == null ? repo.targets(null) : shared.targets()) {
      Duration staleAfter = cadence.staleAfter(t.jobId());
      ComplianceScan scan = latest.getOrDefault(t.jobId(), Map.of()).get(t.serverId());
      if (scan != null) {
        scan = scan.waiving(waivers.waivedFails(coverage, scan).size());
      }
      ComplianceStatus s =
          ComplianceRules.decide(
              scan, failed.get(t.jobId() + "\t" + t.serverId()), staleAfter, cadence.now());
      out.computeIfAbsent(t.jobId(), k -> new TreeMap<>()).put(t.serverId(), s);
    }
    return out;
  }

  /** The last {@code days} UTC days up to today, oldest first. */
  public List<ComplianceDay> fleetTrend(int days) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = today.minusDays(days - 1L);
    Map<LocalDate, int[]> counts = repo.dailyCounts(first);
    List<ComplianceDay> out = new ArrayList<>(days);
    for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
      int[] c = counts.getOrDefault(d, new int[3]);
      out.add(new ComplianceDay(d, c[0], c[1], c[2]));
    }
    return out;
  }

  private static ComplianceJob jobCompliance(
      Job job, JobContent content, Map<Long, ComplianceStatus> byServer) {
    Map<ComplianceStatus, Integer> counts = new EnumMap<>(ComplianceStatus.class);
    byServer.values().forEach(s -> counts.merge(s, 1, Integer::sum));
    return new ComplianceJob(
        job.id(),
        job.name(),
        content == null ? null : content.benchmarkId(),
        job.securityProfile(),
        content == null ? null : content.benchmarkTitle(),
        content == null ? null : content.profileTitle(),
        job.enabled(),
        byServer.size(),
        counts);
  }

  static ComplianceStatus overall(List<ComplianceProfile> profiles) {
    ComplianceStatus worst = null;
    for (ComplianceProfile p : profiles) {
      worst = p.status().worst(worst);
    }
    return worst == null ? ComplianceStatus.NEVER_SCANNED : worst;
  }

  private ComplianceCadence cadence() {
    return new ComplianceCadence(jobs, schedules, settings, clock.instant());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
