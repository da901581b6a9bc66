package dev.vigil.executions;

import dev.vigil.scanning.ScanControl;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The scan controls of the target runs this node is scanning now, so a cancel can kill them. */
@Component
class RunningScans {

  private final Map<Long, ScanControl> controls = new ConcurrentHashMap<>();

  /** A new control for the run, registered until {@link #remove}. */
  ScanControl register(long runId) {
    ScanControl control = new ScanControl();
    controls.put(runId, control);
    return control;
  }

  void remove(long runId) {
    controls.remove(runId);
  }

  /** The step the run's scan is in, e.g. {@code uploading}; empty when it does not run here. */
  Optional<String> step(long runId) {
    return Optional.ofNullable(controls.get(runId))
        .map(c -> c.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '));
  }

  /** Cancels the scans of those runs that run on this node. */
  void cancel(Collection<Long> runIds) {
    runIds.stream().map(controls::get).filter(c -> c != null).forEach(ScanControl::cancel);
  }
}
