package dev.vigil.schedules;

import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.ListQuery;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Execute schedules: create, change and delete them, keep their member servers and instances, and
 * tell when they fire next (in their own time zone, across daylight-saving changes).
 */
@Service
public class ScheduleService {

  /** How many upcoming fire times the API and the pages show. */
  public static final int SHOWN_FIRES = 5;

  private final ScheduleRepository schedules;
  private final MemberRepository members;
  private final List<ScheduleUsage> usages;
  private final Clock clock;

  ScheduleService(
      ScheduleRepository schedules,
      MemberRepository members,
      List<ScheduleUsage> usages,
      Clock clock) {
    this.schedules = schedules;
    this.members = members;
    this.usages = usages;
    this.clock = clock;
  }

  /** Saves a new schedule; defaults: cron {@code 0 0 * * *}, zone UTC, enabled. */
  @Transactional
  public ExecuteSchedule create(ScheduleInput in, String createdBy) {
    ScheduleValidator.validate(
        in, true, in.name() != null && schedules.nameTaken(in.name().trim(), null));
    String name = in.name();
    if (name == null) {
      throw new IllegalStateException("a validated new schedule has no name");
    }
    Instant now = clock.instant();
    ExecuteSchedule draft =
        new ExecuteSchedule(
            0,
            name.trim(),
            blankToNull(in.description()),
            in.cron() == null ? CronSchedule.DEFAULT_CRON : CronSchedule.normalize(in.cron()),
            in.timezone() == null ? CronSchedule.DEFAULT_ZONE : zoneId(in.timezone()),
            in.enabled() == null || in.enabled(),
            createdBy,
            now,
            now);
    return get(unique(() -> schedules.insert(draft)));
  }

  /** Changes the fields that are not null in {@code in}. */
  @Transactional
  public ExecuteSchedule update(long id, ScheduleInput in) {
    ExecuteSchedule current = lock(id);
    boolean taken = in.name() != null && schedules.nameTaken(in.name().trim(), id);
    ScheduleValidator.validate(in, false, taken);
    ExecuteSchedule changed =
        current.withDetails(
            in.name() == null ? current.name() : in.name().trim(),
            in.description() == null ? current.description() : blankToNull(in.description()),
            in.cron() == null ? current.cron() : CronSchedule.normalize(in.cron()),
            in.timezone() == null ? current.timezone() : zoneId(in.timezone()),
            in.enabled() == null ? current.enabled() : in.enabled(),
            clock.instant());
    unique(
        () -> {
          schedules.update(changed);
          return id;
        });
    return get(id);
  }

  /**
   * Deletes a schedule and its member lists; refused (400 with msg on the API) while something uses
   * it.
   */
  @Transactional
  public void delete(long id) {
    ExecuteSchedule current = lock(id);
    List<String> users = usages.stream().flatMap(u -> u.usersOf(id).stream()).toList();
    if (!users.isEmpty()) {
      throw new ConflictException(
          "Execute schedule " + current.name() + " is in use by " + String.join(", ", users));
    }
    schedules.delete(id);
  }

  /** The schedule with this id; NotFoundException (404) when there is none. */
  public ExecuteSchedule get(long id) {
    return schedules.find(id).orElseThrow(() -> new NotFoundException("Execute schedule", id));
  }

  public List<ExecuteSchedule> list(ListQuery query) {
    return schedules.list(query);
  }

  public long count(ListQuery query) {
    return schedules.count(query);
  }

  /**
   * When the schedule fires next after {@code after}; empty when it is disabled or its cron never
   * matches again (30 February).
   */
  public Optional<Instant> nextFire(long id, Instant after) {
    ExecuteSchedule s = get(id);
    return s.enabled() ? s.cronSchedule().next(after) : Optional.empty();
  }

  /** The next {@code n} fire times of the schedule after {@code after}, enabled or not. */
  public List<Instant> nextFires(ExecuteSchedule s, Instant after, int n) {
    return s.cronSchedule().next(after, n);
  }

  /** The next {@link #SHOWN_FIRES} fire times from now. */
  public List<Instant> upcomingFires(ExecuteSchedule s) {
    return nextFires(s, clock.instant(), SHOWN_FIRES);
  }

  /** The ids of the schedule's members of one kind, ascending. */
  public List<Long> members(long id, ScheduleMember kind) {
    get(id);
    return members.members(id, kind);
  }

  /** Adds members by id; ids already present are kept once. */
  @Transactional
  public void addMembers(long id, ScheduleMember kind, List<Long> ids) {
    lock(id);
    members.add(id, kind, ids);
  }

  /** Removes members by id; ids that are not members are ignored. */
  @Transactional
  public void removeMembers(long id, ScheduleMember kind, List<Long> ids) {
    lock(id);
    members.remove(id, kind, ids);
  }

  private ExecuteSchedule lock(long id) {
    return schedules
        .findForUpdate(id)
        .orElseThrow(() -> new NotFoundException("Execute schedule", id));
  }

  /** Runs a write; a concurrent save of the same name becomes the usual 400 on the name. */
  private static long unique(LongSupplier write) {
    try {
      return write.getAsLong();
    } catch (DuplicateKeyException e) {
      throw new InvalidInputException(ScheduleValidator.MESSAGE, Map.of("name", "must be unique"));
    }
  }

  private static String zoneId(String zone) {
    return CronSchedule.zone(zone).getId();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
