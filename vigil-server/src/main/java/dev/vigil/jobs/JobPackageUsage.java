package dev.vigil.jobs;

import dev.vigil.packages.PackageUsage;
import java.util.List;
import org.springframework.stereotype.Component;

/** Keeps a security package that a job scans with from being deleted. */
@Component
class JobPackageUsage implements PackageUsage {

  private final JobRepository jobs;

  JobPackageUsage(JobRepository jobs) {
    this.jobs = jobs;
  }

  @Override
  public List<String> usersOf(long packageId) {
    return jobs.namesUsingPackage(packageId).stream().map(n -> "job " + n).toList();
  }
}
