package dev.vigil.jobs;

import dev.vigil.access.UserRef;
import dev.vigil.inventory.InstanceService;
import dev.vigil.inventory.Server;
import dev.vigil.inventory.ServerService;
import dev.vigil.schedules.ScheduleService;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security scan jobs: create, change, enable and delete them (validated against the package index,
 * the schedules and the inventory), and tell the executions feature which servers a job scans and
 * which jobs run by themselves.
 */
@Service
public class JobService {

  private final JobRepository jobs;
  private final JobValidator validator;
  private final ScheduleService schedules;
  private final ServerService servers;
  private final InstanceService instances;
  private final Clock clock;

  JobService(
      JobRepository jobs,
      JobValidator validator,
      ScheduleService schedules,
      ServerService servers,
      InstanceService instances,
      Clock clock) {
    this.jobs = jobs;
    this.validator = validator;
    this.schedules = schedules;
    this.servers = servers;
    this.instances = instances;
    this.clock = clock;
  }

  /** Validates and saves a new job; 400 with every field problem, nothing written. */
  @Transactional
  public Job create(JobInput in, @Nullable UserRef createdBy) {
    return createNamed(in, createdBy).job();
  }

  /**
   * A saved job and the names of its target servers or instances by id, as read to check them (null
   * when it has no target ids: label targets); see {@link #targetNames}.
   */
  public record Named(Job job, @Nullable Map<Long, String> targetNames) {}

  /**
   * As {@link #create}, with the names of the targets read when they were checked: one read of the
   * servers (or instances) for the check and the answer.
   */
  @Transactional
  public Named createNamed(JobInput in, @Nullable UserRef createdBy) {
    boolean taken = in.name() != null && jobs.nameTaken(in.name().trim(), null);
    Map<Long, String> names = new HashMap<>();
    Job draft = validator.check(in, null, taken, createdBy, names);
    Job[] saved = new Job[1];
    unique(
        () -> {
          saved[0] = jobs.create(draft);
          return saved[0].id();
        });
    Job job = saved[0];
    boolean checked = !job.targetType().byLabel() && !job.refIds().isEmpty();
    return new Named(job, checked ? names : null);
  }

  /** Checks a new job as {@link #create} would, writing nothing; 400 with every problem. */
  public void check(JobInput in) {
    boolean taken = in.name() != null && jobs.nameTaken(in.name().trim(), null);
    validator.check(in, null, taken, null);
  }

  /** Changes the fields that are not null in {@code in}. */
  @Transactional
  public Job update(long id, JobInput in) {
    Job current = lock(id);
    boolean taken = in.name() != null && jobs.nameTaken(in.name().trim(), id);
    Job changed = validator.check(in, current, taken, null);
    unique(
        () -> {
          jobs.update(changed);
          return id;
        });
    return get(id);
  }

  /** Enables or disables a job. */
  @Transactional
  public Job setEnabled(long id, boolean enabled) {
    jobs.update(lock(id).withEnabled(enabled, clock.instant()));
    return get(id);
  }

  @Transactional
  public void delete(long id) {
    lock(id);
    jobs.delete(id);
  }

  /** The job with this id; NotFoundException (404) when there is none. */
  public Job get(long id) {
    return jobs.find(id).orElseThrow(() -> new NotFoundException("Job", id));
  }

  public List<Job> list(JobQuery query) {
    return jobs.list(query);
  }

  public long count(JobQuery query) {
    return jobs.count(query);
  }

  /** The jobs the execute schedule starts (its "used by"), by name. */
  public List<Job> usingSchedule(long scheduleId) {
    return jobs.usingSchedule(scheduleId);
  }

  /** Enabled jobs with a date-time or an execute schedule, by id. */
  public List<Job> scheduledJobs() {
    return jobs.scheduled();
  }

  /** Jobs with a date-time or an execute schedule, enabled or not, by id (for firing). */
  public List<Job> timedJobs() {
    return jobs.timed();
  }

  /**
   * The job, its row locked until the caller's transaction ends so that it is neither changed nor
   * deleted meanwhile; NotFoundException (404) when there is none.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Job getLocked(long id) {
    return lock(id);
  }

  /**
   * The servers the job scans now: its servers, or the members of its instances, de-duplicated in
   * target order; servers and instances deleted since are left out. A label target is resolved
   * here, when the execution starts: the servers carrying the label, or the members of the
   * instances carrying it, by id.
   */
  public List<Long> resolveServerIds(Job job) {
    return resolveServers(job).stream().map(Server::id).toList();
  }

  /**
   * As {@link #resolveServerIds}, the servers themselves: one read of servers (and of instance
   * members for instance targets) whatever the number of servers or instances.
   */
  public List<Server> resolveServers(Job job) {
    LinkedHashMap<Long, Server> found = new LinkedHashMap<>();
    String label = job.targetLabel();
    if (job.targetType() == TargetType.SERVER_LABEL) {
      addInOrder(label == null ? List.of() : servers.idsWithLabel(label), found);
    } else if (job.targetType() == TargetType.INSTANCE_LABEL) {
      addInOrder(label == null ? List.of() : instances.serverIdsWithLabel(label), found);
    } else if (job.targetType() == TargetType.SERVER) {
      addInOrder(job.refIds(), found);
    } else {
      instances.serversOf(job.refIds()).forEach(srv -> found.putIfAbsent(srv.id(), srv));
    }
    return List.copyOf(found.values());
  }

  /** Adds the servers of {@code ids} that still exist, in the order of {@code ids}. */
  private void addInOrder(List<Long> ids, Map<Long, Server> found) {
    Map<Long, Server> existing = new HashMap<>();
    servers.byIds(ids).forEach(s -> existing.put(s.id(), s));
    ids.stream()
        .filter(existing::containsKey)
        .forEach(id -> found.putIfAbsent(id, existing.get(id)));
  }

  /** When the job starts next by itself; empty when disabled, manual or nothing lies ahead. */
  public Optional<Instant> nextFire(Job job) {
    Instant now = clock.instant();
    if (!job.enabled()) {
      return Optional.empty();
    }
    return switch (job.scheduleMode()) {
      case MANUAL -> Optional.empty();
      case DATE_TIME -> Optional.ofNullable(job.dateTime()).filter(t -> t.isAfter(now));
      case SCHEDULE -> scheduleFire(job, now);
    };
  }

  /** The names of the job's targets by server or instance id (missing ones are left out). */
  public Map<Long, String> targetNames(Job job) {
    return job.targetType() == TargetType.SERVER
        ? servers.namesByIds(job.refIds())
        : instances.namesByIds(job.refIds());
  }

  private Optional<Instant> scheduleFire(Job job, Instant now) {
    Long scheduleId = job.scheduleId();
    if (scheduleId == null) {
      throw new IllegalStateException(
          "job " + job.id() + " runs on an execute schedule but names none");
    }
    try {
      return schedules.nextFire(scheduleId, now);
    } catch (NotFoundException gone) {
      return Optional.empty();
    }
  }

  private Job lock(long id) {
    return jobs.findForUpdate(id).orElseThrow(() -> new NotFoundException("Job", id));
  }

  /** Runs a write; a concurrent save of the same name becomes the usual 400 on the name. */
  private static long unique(LongSupplier write) {
    try {
      return write.getAsLong();
    } catch (DuplicateKeyException e) {
      throw new InvalidInputException(JobValidator.MESSAGE, Map.of("name", "must be unique"));
    }
  }
}
