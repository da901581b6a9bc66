package dev.vigil.executions;

import java.util.concurrent.Semaphore;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * This node's cap on concurrent scans ({@code vigil.scanning.max-concurrent}, default 20), across
 * all executions: a target run that finds no free slot goes back to the queue for a moment, where
 * any node may take it.
 */
@Component
class ScanSlots {

  /** The cap's setting. */
  @ConfigurationProperties("vigil.scanning")
  record Settings(@DefaultValue("20") int maxConcurrent) {
    Settings {
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("vigil.scanning.max-concurrent must be at least 1");
      }
    }
  }

  private final Semaphore slots;
  private final int max;

  ScanSlots(Settings settings) {
    this.max = settings.maxConcurrent();
    this.slots = new Semaphore(max);
  }

  /** Takes a slot if one is free. */
  boolean tryTake() {
    return slots.tryAcquire();
  }

  void give() {
    slots.release();
  }

  /** The cap. */
  int max() {
    return max;
  }

  /** Slots in use now. */
  int inUse() {
    return max - slots.availablePermits();
  }
}
