package dev.vigil.compliance;

import dev.vigil.compliance.ComplianceRepository.FailedRun;
import dev.vigil.compliance.ComplianceRepository.JobContent;
import dev.vigil.compliance.ComplianceRepository.JobTarget;
import dev.vigil.jobs.Job;
import dev.vigil.results.ComplianceRules;
import dev.vigil.results.ComplianceScan;
import dev.vigil.waivers.WaiverCoverage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts together each (server, benchmark, profile) pair from the latest scans, the failed runs and
 * the jobs' targets, and decides its status with the governing job's allowed age. A failed run
 * counts for the benchmark and profile its execution's plan pinned (the job's for runs without a
 * plan), a job's targets for the job's own, so a scan of other content never stands in for them and
 * editing a job never moves a past failure.
 */
final class ComplianceProfiles {

  private final ComplianceRepository repo;
  private final ScanWaivers waivers;

  ComplianceProfiles(ComplianceRepository repo, ScanWaivers waivers) {
    this.repo = repo;
    this.waivers = waivers;
  }

  /**
   * Every pair of these servers (all when null) that has a scan, a failed run or a job, judged with
   * the waivers that count now.
   */
  Map<Long, List<ComplianceProfile>> of(List<Long> serverIds, ComplianceCadence cadence) {
    return of(
        serverIds,
        cadence,
        new Shared(
            waivers.coverage(),
            repo.jobContent(),
            repo.lastFailures(serverIds),
            repo.targets(serverIds)));
  }

  /**
   * What several fleet-wide questions of one request share (the dashboard asks the fleet's pairs
   * and the jobs' targets): the waivers that count now, the jobs' content, the failed runs and the
   * jobs' targets of the servers asked about.
   */
  record Shared(
      WaiverCoverage coverage,
      Map<Long, JobContent> content,
      List<FailedRun> failures,
      List<JobTarget> targets) {}

  /** As {@link #of(List, ComplianceCadence)}, with facts read once for the whole request. */
  Map<Long, List<ComplianceProfile>> of(
      List<Long> serverIds, ComplianceCadence cadence, Shared shared) {
    WaiverCoverage coverage = shared.coverage();
    Map<Long, Map<String, PairFacts>> facts = new HashMap<>();
    for (ComplianceScan s : repo.latestPerProfile(serverIds)) {
      facts(facts, s.serverId(), s.benchmarkId(), s.profileId()).latest = s;
    }
    Map<Long, JobContent> content = shared.content();
    for (FailedRun f : shared.failures()) {
      JobContent c = f.plan() != null ? f.plan() : content.get(f.jobId());
      PairFacts p = jobFacts(facts, f.serverId(), f.profileId(), c);
      if (p.lastFailure == null || f.endedAt().isAfter(p.lastFailure)) {
        p.lastFailure = f.endedAt();
        p.failedJob = f.jobId();
      }
    }
    for (JobTarget t : shared.targets()) {
      PairFacts p = jobFacts(facts, t.serverId(), t.profileId(), content.get(t.jobId()));
      if (p.targetingJob == null || t.jobId() < p.targetingJob) {
        p.targetingJob = t.jobId();
      }
    }
    Map<Long, List<ComplianceProfile>> out = new HashMap<>();
    facts.forEach(
        (serverId, pairs) -> {
          List<ComplianceProfile> list = new ArrayList<>();
          pairs.values().forEach(p -> list.add(profile(p, cadence, coverage)));
          list.sort(
              Comparator.comparing(
                      ComplianceProfile::benchmarkId,
                      Comparator.nullsLast(Comparator.naturalOrder()))
                  .thenComparing(ComplianceProfile::profileId));
          out.put(serverId, list);
        });
    return out;
  }

  private static PairFacts facts(
      Map<Long, Map<String, PairFacts>> facts, long serverId, String benchmark, String profile) {
    return facts
        .computeIfAbsent(serverId, k -> new LinkedHashMap<>())
        .computeIfAbsent(benchmark + "\t" + profile, k -> new PairFacts(benchmark, profile));
  }

  /**
   * The pair of a job's (or a failed run's plan's) benchmark and profile; content whose benchmark
   * is unknown joins the server's first pair with its profile, else one of its own.
   */
  private static PairFacts jobFacts(
      Map<Long, Map<String, PairFacts>> facts, long serverId, String profileId, JobContent c) {
    String benchmark = c == null ? null : c.benchmarkId();
    if (benchmark == null) {
      for (PairFacts p : facts.getOrDefault(serverId, Map.of()).values()) {
        if (p.profileId.equals(profileId)) {
          return p;
        }
      }
    }
    PairFacts p = facts(facts, serverId, benchmark, profileId);
    if (c != null) {
      p.jobBenchmarkTitle = p.jobBenchmarkTitle == null ? c.benchmarkTitle() : p.jobBenchmarkTitle;
      p.jobProfileTitle = p.jobProfileTitle == null ? c.profileTitle() : p.jobProfileTitle;
    }
    return p;
  }

  private ComplianceProfile profile(
      PairFacts p, ComplianceCadence cadence, WaiverCoverage coverage) {
    Long jobId = governingJob(p, cadence);
    Duration staleAfter = cadence.staleAfter(jobId);
    ComplianceScan scan = p.latest;
    String jobName = cadence.job(jobId).map(Job::name).orElse(scan == null ? null : scan.jobName());
    boolean jobExists = cadence.job(jobId).isPresent();
    int waived = scan == null ? 0 : waivers.waivedFails(coverage, scan).size();
    ComplianceScan judged = scan == null ? null : scan.waiving(waived);
    return new ComplianceProfile(
        p.profileId,
        p.benchmarkId,
        scan != null && scan.profileTitle() != null ? scan.profileTitle() : p.jobProfileTitle,
        scan != null && scan.benchmarkTitle() != null ? scan.benchmarkTitle() : p.jobBenchmarkTitle,
        jobExists ? jobId : null,
        jobExists ? jobName : null,
        ComplianceRules.decide(judged, p.lastFailure, staleAfter, cadence.now()),
        scan,
        p.lastFailure,
        staleAfter,
        scan == null ? null : scan.scanDate().plus(staleAfter),
        waived,
        judged == null ? null : judged.score(),
        scan == null ? null : scan.score());
  }

  /** The latest scan's job while it exists, else a job targeting the server, else the failed. */
  private static Long governingJob(PairFacts p, ComplianceCadence cadence) {
    if (p.latest != null && cadence.job(p.latest.jobId()).isPresent()) {
      return p.latest.jobId();
    }
    return p.targetingJob != null ? p.targetingJob : p.failedJob;
  }

  /** What is known of one (server, benchmark, profile) while it is put together. */
  private static final class PairFacts {
    final String benchmarkId;
    final String profileId;
    ComplianceScan latest;
    Instant lastFailure;
    Long failedJob;
    Long targetingJob;
    String jobBenchmarkTitle;
    String jobProfileTitle;

    PairFacts(String benchmarkId, String profileId) {
      this.benchmarkId = benchmarkId;
      this.profileId = profileId;
    }
  }
}
