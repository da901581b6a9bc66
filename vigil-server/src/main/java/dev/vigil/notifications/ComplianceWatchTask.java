package dev.vigil.notifications;

import dev.vigil.scheduling.TaskHandler;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code compliance-watch}: checks one server's pairs after a scan of it was recorded or a run of
 * it failed (instance id {@code <server id>:<what happened>}, one task per occurrence, so none is
 * lost to a check already running). Queued after that commit, so recording a scan only adds this
 * task; the sweep catches whatever a crash in between lost.
 */
@Component
class ComplianceWatchTask implements TaskHandler {

  static final String TASK = "compliance-watch";

  private final ComplianceWatch watch;

  ComplianceWatchTask(ComplianceWatch watch) {
    this.watch = watch;
  }

  @Override
  public String taskName() {
    return TASK;
  }

  @Override
  public java.time.Duration retryAfterFailure() {
    return java.time.Duration.ofSeconds(30);
  }

  @Override
  public void execute(String instanceId) {
    int colon = instanceId.indexOf(':');
    long serverId = Long.parseLong(colon < 0 ? instanceId : instanceId.substring(0, colon));
    watch.check(List.of(serverId));
  }
}
