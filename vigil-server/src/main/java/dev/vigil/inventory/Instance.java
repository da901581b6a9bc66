package dev.vigil.inventory;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A named group of servers (an application's VMs); a job may target it. */
public record Instance(
    long id,
    String name,
    @Nullable String description,
    List<String> labels,
    List<Member> servers,
    Instant createdAt,
    Instant updatedAt) {

  public Instance {
    labels = List.copyOf(labels);
    servers = List.copyOf(servers);
  }

  /** A member server's id and name. */
  public record Member(long id, String name) {}
}
