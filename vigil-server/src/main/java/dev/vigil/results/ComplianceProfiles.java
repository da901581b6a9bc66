package dev.vigil.results;

import dev.vigil.jobs.Job;
import dev.vigil.results.ComplianceRepository.FailedRun;
import dev.vigil.results.ComplianceRepository.JobTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts together each (server, profile) from the latest scans, the failed runs and the jobs'
 * targets, and decides its status with the governing job's allowed age.
 */
final class ComplianceProfiles {

  private final ComplianceRepository repo;

  ComplianceProfiles(ComplianceRepository repo) {
    this.repo = repo;
  }

  /** Every profile of these servers (all when null) that has a scan, a failed run or a job. */
  Map<Long, List<ComplianceProfile>> of(List<Long> serverIds, ComplianceCadence cadence) {
    Map<Long, Map<String, ProfileFacts>> facts = new HashMap<>();
    for (ComplianceScan s : repo.latestPerProfile(serverIds)) {
      facts(facts, s.serverId(), s.profileId()).latest = s;
    }
    for (FailedRun f : repo.lastFailures(serverIds)) {
      ProfileFacts p = facts(facts, f.serverId(), f.profileId());
      if (p.lastFailure == null || f.endedAt().isAfter(p.lastFailure)) {
        p.lastFailure = f.endedAt();
        p.failedJob = f.jobId();
      }
    }
    for (JobTarget t : repo.targets(serverIds)) {
      ProfileFacts p = facts(facts, t.serverId(), t.profileId());
      if (p.targetingJob == null || t.jobId() < p.targetingJob) {
        p.targetingJob = t.jobId();
      }
    }
    Map<Long, List<ComplianceProfile>> out = new HashMap<>();
    facts.forEach(
        (serverId, byProfile) -> {
          List<ComplianceProfile> list = new ArrayList<>();
          byProfile.forEach((profile, p) -> list.add(profile(profile, p, cadence)));
          list.sort(Comparator.comparing(ComplianceProfile::profileId));
          out.put(serverId, list);
        });
    return out;
  }

  private static ProfileFacts facts(
      Map<Long, Map<String, ProfileFacts>> facts, long serverId, String profileId) {
    return facts
        .computeIfAbsent(serverId, k -> new HashMap<>())
        .computeIfAbsent(profileId, k -> new ProfileFacts());
  }

  private ComplianceProfile profile(String profileId, ProfileFacts p, ComplianceCadence cadence) {
    Long jobId = governingJob(p, cadence);
    Duration staleAfter = cadence.staleAfter(jobId);
    ComplianceScan scan = p.latest;
    String jobName = cadence.job(jobId).map(Job::name).orElse(scan == null ? null : scan.jobName());
    return new ComplianceProfile(
        profileId,
        scan == null ? null : scan.benchmarkId(),
        cadence.job(jobId).isPresent() ? jobId : null,
        cadence.job(jobId).isPresent() ? jobName : null,
        ComplianceRules.decide(scan, p.lastFailure, staleAfter, cadence.now()),
        scan,
        p.lastFailure,
        staleAfter,
        scan == null ? null : scan.scanDate().plus(staleAfter));
  }

  /** The latest scan's job while it exists, else a job targeting the server, else the failed. */
  private static Long governingJob(ProfileFacts p, ComplianceCadence cadence) {
    if (p.latest != null && cadence.job(p.latest.jobId()).isPresent()) {
      return p.latest.jobId();
    }
    return p.targetingJob != null ? p.targetingJob : p.failedJob;
  }

  /** What is known of one (server, profile) while it is put together. */
  private static final class ProfileFacts {
    ComplianceScan latest;
    Instant lastFailure;
    Long failedJob;
    Long targetingJob;
  }
}
