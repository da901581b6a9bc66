package dev.vigil.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap occupancy (live data plus not yet collected garbage) while a task runs: the largest
 * heap used seen just before any garbage collection during the task, or at its end; and the largest
 * heap left just after a collection (closer to what the task keeps alive).
 */
final class HeapPeak implements NotificationListener, AutoCloseable {
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong afterGc = new AtomicLong();
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
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
    afterGc.set(0);
  }

  /** The most heap left after any collection since {@link #reset()}; 0 when none ran. */
  long afterGcPeak() {
    return afterGc.get();
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
    long before = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
    peak.accumulateAndGet(before, Math::max);
    long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
    afterGc.accumulateAndGet(after, Math::max);
  }

  /** The heap pools' part of a collection's usage map (it lists non-heap pools too). */
  private long heapUsed(Map<String, MemoryUsage> usage) {
    return usage.entrySet().stream()
        .filter(e -> heapPools.contains(e.getKey()))
        .mapToLong(e -> e.getValue().getUsed())
        .sum();
  }

  @Override
  public void close() throws Exception {
    for (NotificationEmitter e : emitters) {
      e.removeNotificationListener(this);
    }
  }
}
