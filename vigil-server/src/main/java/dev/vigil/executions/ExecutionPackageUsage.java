package dev.vigil.executions;

import dev.vigil.packages.PackageUsage;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps a security package, and so the version an execution pinned, from being deleted while that
 * execution is queued or running: its runs still need the version's content.
 */
@Component
class ExecutionPackageUsage implements PackageUsage {

  private final ExecutionRepository repo;

  ExecutionPackageUsage(ExecutionRepository repo) {
    this.repo = repo;
  }

  @Override
  public List<String> usersOf(long packageId) {
    return repo.activePinning(packageId);
  }
}
