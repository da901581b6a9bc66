package dev.vigil.remediation;

import dev.vigil.scanning.ScanControl;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The remediation runs this node is running now, each with the control of its current step. */
@Component
class RunningRemediations {

  private final Map<Long, ScanControl> controls = new ConcurrentHashMap<>();

  void set(long runId, ScanControl control) {
    controls.put(runId, control);
  }

  void clear(long runId) {
    controls.remove(runId);
  }

  /** Kills what the run is doing on this node now, if it runs here. */
  void cancel(long runId) {
    ScanControl c = controls.get(runId);
    if (c != null) {
      c.cancel();
    }
  }
}
