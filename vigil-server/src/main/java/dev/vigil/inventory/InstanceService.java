package dev.vigil.inventory;

import dev.vigil.shared.CommonFields;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import dev.vigil.shared.UnknownIds;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Instances: named groups of servers; the scan engine expands one into its servers. */
@Service
public class InstanceService {

  private final InstanceRepository instances;
  private final ServerRepository servers;
  private final Clock clock;

  InstanceService(InstanceRepository instances, ServerRepository servers, Clock clock) {
    this.instances = instances;
    this.servers = servers;
    this.clock = clock;
  }

  @Transactional
  public Instance create(InstanceInput in) {
    validate(in, null);
    String name = in.name();
    if (name == null) {
      throw new IllegalStateException("a validated new instance has no name");
    }
    Instant now = clock.instant();
    Instance draft =
        new Instance(
            0,
            name.trim(),
            Fields.blankToNull(in.description()),
            Fields.cleanLabels(in.labels()),
            List.of(),
            now,
            now);
    return get(instances.insert(draft, in.serverIds() == null ? List.of() : in.serverIds()));
  }

  @Transactional
  public Instance update(long id, InstanceInput in) {
    Instance c = lock(id);
    validate(in, c);
    Instance changed =
        new Instance(
            id,
            in.name() == null ? c.name() : in.name().trim(),
            in.description() == null ? c.description() : Fields.blankToNull(in.description()),
            in.labels() == null ? c.labels() : Fields.cleanLabels(in.labels()),
            List.of(),
            c.createdAt(),
            clock.instant());
    List<Long> members = in.serverIds() == null ? instances.memberIds(id) : in.serverIds();
    instances.update(changed, members);
    return get(id);
  }

  @Transactional
  public void delete(long id) {
    lock(id);
    instances.delete(id);
  }

  public Instance get(long id) {
    return instances.find(id).orElseThrow(() -> new NotFoundException("Instance", id));
  }

  public List<Instance> list(ListQuery q) {
    return instances.list(q);
  }

  public long count(ListQuery q) {
    return instances.count(q);
  }

  /**
   * The names of those of these instances that exist, by id, in one query whatever their number.
   */
  public Map<Long, String> namesByIds(Collection<Long> ids) {
    return instances.names(ids);
  }

  /** Which of these instance ids exist, in one query whatever their number. */
  public Set<Long> existingIds(Collection<Long> ids) {
    return instances.existing(ids);
  }

  /**
   * The member server ids of every instance carrying exactly {@code label}, instance by instance in
   * id order, each once (an instance-label target).
   */
  public List<Long> serverIdsWithLabel(String label) {
    java.util.LinkedHashSet<Long> ids = new java.util.LinkedHashSet<>();
    List<Long> owners = instances.idsWithLabel(label);
    Map<Long, Set<Long>> members = instances.memberIds(owners);
    owners.forEach(i -> members.getOrDefault(i, Set.of()).stream().sorted().forEach(ids::add));
    return List.copyOf(ids);
  }

  /**
   * The member servers of the instances, instance by instance in the given order and by name within
   * each, each server once; instances deleted since have none. Two reads whatever the number of
   * instances and servers.
   */
  public List<Server> serversOf(List<Long> instanceIds) {
    Map<Long, Set<Long>> members = instances.memberIds(instanceIds);
    List<Server> byName =
        servers.byIds(members.values().stream().flatMap(Set::stream).distinct().toList());
    Map<Long, Integer> rank = new HashMap<>();
    for (int i = 0; i < byName.size(); i++) {
      rank.put(byName.get(i).id(), i);
    }
    LinkedHashMap<Long, Server> found = new LinkedHashMap<>();
    for (long instanceId : instanceIds) {
      members.getOrDefault(instanceId, Set.of()).stream()
          .filter(rank::containsKey)
          .map(rank::get)
          .sorted()
          .forEach(i -> found.putIfAbsent(byName.get(i).id(), byName.get(i)));
    }
    return List.copyOf(found.values());
  }

  /** The member servers of an instance, by name; 404 when the instance does not exist. */
  public List<Server> serversOf(long instanceId) {
    get(instanceId);
    return servers.byIds(instances.memberIds(instanceId));
  }

  private void validate(InstanceInput in, @Nullable Instance current) {
    Map<String, String> errors = new LinkedHashMap<>();
    Long except = current == null ? null : current.id();
    boolean taken = in.name() != null && instances.nameTaken(in.name().trim(), except);
    CommonFields.name(in.name(), current == null, taken, errors);
    CommonFields.description(in.description(), errors);
    Fields.labels(in.labels(), errors);
    if (in.serverIds() != null) {
      Set<Long> found = servers.existing(in.serverIds());
      List<Long> missing = UnknownIds.of(in.serverIds(), found);
      if (!missing.isEmpty()) {
        errors.put("servers", UnknownIds.message("server", missing));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Unable to save instance", errors);
    }
  }

  private Instance lock(long id) {
    return instances.findForUpdate(id).orElseThrow(() -> new NotFoundException("Instance", id));
  }
}
