package dev.vigil.executions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of job executions on this node.
 *
 * @param nodeLostRetries how often a target run whose node died mid-scan is tried again before it
 *     fails with "node lost"
 * @param progressInterval how often a running scan's step and rule count are written for every node
 *     to see
 * @param shutdownGrace how long a stopping node waits for its running scans to end before it stops
 *     them and hands their target runs back to be scanned again (by another node, or by this one
 *     when it starts again)
 * @param reconcileInterval how often one node of the cluster looks for target runs no node works on
 *     (their task is gone) and queues them again, hands over the runs of an execution that has none
 *     handed over, and ends executions whose runs have all ended
 * @param reconcileGrace how old a handed-over run must be (since its hand-over or its claim) before
 *     the reconciliation may take it for stranded
 * @param cancelPollInterval how often a node checks whether the executions of the scans running on
 *     it were cancelled (on any node), and stops those scans
 * @param connectRetries how often a scan's SSH connection that failed for the network's sake
 *     (refused, reset, no route, timed out) is tried again before the run fails with the last
 *     reason; each attempt is a line of the run's output, and none changes the run's attempt
 * @param connectBackoff the wait before the second connection attempt; it doubles for each next one
 *     (at most 30 s), jittered to between half and all of it
 */
@ConfigurationProperties("vigil.executions")
public record ExecutionSettings(
    @DefaultValue("1") int nodeLostRetries,
    @DefaultValue("2s") Duration progressInterval,
    @DefaultValue("20s") Duration shutdownGrace,
    @DefaultValue("1m") Duration reconcileInterval,
    @DefaultValue("30s") Duration reconcileGrace,
    @DefaultValue("2s") Duration cancelPollInterval,
    @DefaultValue("3") int connectRetries,
    @DefaultValue("1s") Duration connectBackoff) {

  public ExecutionSettings {
    if (nodeLostRetries < 0) {
      throw new IllegalArgumentException("vigil.executions.node-lost-retries must be 0 or more");
    }
    if (progressInterval.isNegative() || progressInterval.isZero()) {
      throw new IllegalArgumentException("vigil.executions.progress-interval must be positive");
    }
    if (connectRetries < 0) {
      throw new IllegalArgumentException("vigil.executions.connect-retries must be 0 or more");
    }
    if (connectBackoff.isNegative() || connectBackoff.isZero()) {
      throw new IllegalArgumentException("vigil.executions.connect-backoff must be positive");
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("vigil.executions.shutdown-grace must be 0 or more");
    }
    if (reconcileInterval.isNegative() || reconcileInterval.isZero()) {
      throw new IllegalArgumentException("vigil.executions.reconcile-interval must be positive");
    }
    if (reconcileGrace.isNegative()) {
      throw new IllegalArgumentException("vigil.executions.reconcile-grace must be 0 or more");
    }
    if (cancelPollInterval.isNegative() || cancelPollInterval.isZero()) {
      throw new IllegalArgumentException("vigil.executions.cancel-poll-interval must be positive");
    }
  }
}
