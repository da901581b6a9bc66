package dev.vigil.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap occupancy (live data plus not yet collected garbage) while a task runs: the largest
 * heap used seen just before any garbage collection during the task, or at its end.
 */
final class HeapPeak implements NotificationListener, AutoCloseable {
  private final AtomicLong peak = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();

  HeapPeak() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(this, null, null);
        emitters.add(emitter);
      }
    }
  }

  /** Heap used right now. */
  static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Starts a measurement from the current heap use. */
  void reset() {
    peak.set(used());
  }

  /** The peak since {@link #reset()}, including the heap use at this moment. */
  long peak() {
    peak.accumulateAndGet(used(), Math::max);
    return peak.get();
  }

  @Override
  public void handleNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long before =
        info.getGcInfo().getMemoryUsageBeforeGc().values().stream()
            .mapToLong(MemoryUsage::getUsed)
            .sum();
    peak.accumulateAndGet(before, Math::max);
  }

  @Override
  public void close() throws Exception {
    for (NotificationEmitter e : emitters) {
      e.removeNotificationListener(this);
    }
  }
}
