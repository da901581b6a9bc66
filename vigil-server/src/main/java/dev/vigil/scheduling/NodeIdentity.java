package dev.vigil.scheduling;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/**
 * This node's name in the cluster: {@code vigil.scheduler.node-name}, else the host name. It marks
 * the tasks this node picks in the scheduler's table, so it must stay the same across restarts
 * (start-up recovers the tasks a crash of this node left picked) and differ between nodes.
 */
@Component
public class NodeIdentity {

  private final String name;

  NodeIdentity(SchedulerSettings settings) {
    this.name = settings.nodeName().isBlank() ? hostName() : settings.nodeName().strip();
  }

  /** The node's name. */
  public String name() {
    return name;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "vigil";
    }
  }
}
