package dev.vigil.jobs;

/** The one job type Vigil has: Morpheus's security scan job, with its id, code and name. */
public final class JobType {

  public static final long ID = 14;
  public static final String CODE = "morpheus.securityScan";
  public static final String NAME = "Security Scan Job";

  private JobType() {}
}
