package dev.vigil.retention;

import dev.vigil.jobs.Job;
import dev.vigil.jobs.JobQuery;
import dev.vigil.jobs.JobService;
import dev.vigil.retention.ScanRetentionRepository.ScanAge;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How long scans are kept: each job's keep-min and delete-after days, the settings' defaults for
 * scans without a job (made outside one, or whose job was deleted).
 */
@Component
class ScanRetentionWindows {

  /** The scans of one job (null: the scans without a job) that finished before {@code cutoff}. */
  record Expiry(@Nullable Long jobId, Instant cutoff) {}

  /** When a scan may be deleted, and the sentence that says why not before. */
  record KeptUntil(Instant until, String why) {}

  private final JobService jobs;
  private final ScanRetentionSettings settings;

  ScanRetentionWindows(JobService jobs, ScanRetentionSettings settings) {
    this.jobs = jobs;
    this.settings = settings;
  }

  /**
   * Per job with a delete-after, then for the scans without a job: scans that finished before the
   * cutoff are past both their delete-after and their keep-min window at {@code now}.
   */
  List<Expiry> expiries(Instant now) {
    List<Expiry> out = new ArrayList<>();
    ListQuery all = new ListQuery(ListQuery.ALL, 0, null, null, "id", false);
    for (Job job : jobs.list(new JobQuery(all, List.of(), List.of()))) {
      Integer after = job.options().deleteAfterDays();
      if (after != null) {
        out.add(new Expiry(job.id(), cutoff(now, job.options().keepMinDays(), after)));
      }
    }
    out.add(
        new Expiry(
            null, cutoff(now, settings.defaultKeepMinDays(), settings.defaultDeleteAfterDays())));
    return out;
  }

  /** The end of the scan's keep-min window. */
  KeptUntil keptUntil(ScanAge scan) {
    int fallback = settings.defaultKeepMinDays();
    if (scan.jobId() != null) {
      try {
        Job job = jobs.get(scan.jobId());
        int days = job.options().keepMinDays();
        return keptFor(scan, days, "job " + job.name() + " keeps scans at least " + days + " days");
      } catch (NotFoundException gone) {
        // deleted since the row was read: the defaults apply
      }
    }
    String without = "scans without a job are kept at least " + fallback + " days";
    return keptFor(
        scan,
        fallback,
        scan.jobName() == null ? without : "job " + scan.jobName() + " is deleted; " + without);
  }

  private static KeptUntil keptFor(ScanAge scan, int days, String why) {
    return new KeptUntil(scan.finishedAt().plus(Duration.ofDays(days)), why);
  }

  private static Instant cutoff(Instant now, int keepMinDays, int deleteAfterDays) {
    return now.minus(Duration.ofDays(Math.max(keepMinDays, deleteAfterDays)));
  }
}
