package dev.vigil.waivers;

import dev.vigil.access.UserRef;
import dev.vigil.shared.ConflictException;
import dev.vigil.shared.InvalidInputException;
import dev.vigil.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Waivers: request (any user with Request), approve or reject (another user with Approve: nobody
 * approves their own request), revoke an approved one; every step recorded. {@link #coverage()} is
 * what compliance asks: the approved, unexpired waivers at the clock's now with the servers their
 * scopes hold now. Each step publishes a {@link WaiverChanged} after its commit.
 */
@Service
@Transactional(readOnly = true)
public class WaiverService {

  static final int MAX_RULES = 1000;

  private final WaiverRepository repo;
  private final WaiverSettings settings;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  WaiverService(
      WaiverRepository repo,
      WaiverSettings settings,
      Clock clock,
      ApplicationEventPublisher events) {
    this.repo = repo;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
  }

  public Instant now() {
    return clock.instant();
  }

  public WaiverSettings settings() {
    return settings;
  }

  public Waiver get(long id) {
    return repo.find(id).orElseThrow(() -> new NotFoundException("Security waiver", id));
  }

  /**
   * The waivers matching every given filter (null: any), newest first: status (as it stands now), a
   * server the scope holds now, a rule id it names, a phrase in its name, reason or ticket.
   */
  public List<Waiver> list(WaiverStatus status, Long serverId, String ruleId, String phrase) {
    Instant now = now();
    String p = phrase == null || phrase.isBlank() ? null : phrase.trim().toLowerCase(Locale.ROOT);
    List<Waiver> out = new ArrayList<>();
    for (Waiver w : repo.all()) {
      if (status != null && w.status(now) != status) {
        continue;
      }
      if (ruleId != null && !w.ruleIds().contains(ruleId)) {
        continue;
      }
      if (p != null && !(has(w.name(), p) || has(w.reason(), p) || has(w.ticket(), p))) {
        continue;
      }
      if (serverId != null
          && !repo.members(w.scope().type(), w.scope().id(), w.scope().label())
              .contains(serverId)) {
        continue;
      }
      out.add(w);
    }
    return out;
  }

  /** The servers a waiver's scope holds now. */
  public Set<Long> members(Waiver w) {
    return repo.members(w.scope().type(), w.scope().id(), w.scope().label());
  }

  /** Records a request by {@code who}; 400 naming each field that is wrong. */
  @Transactional
  public Waiver request(NewWaiver in, UserRef who) {
    NewWaiver w = validate(in);
    Instant now = now();
    long id = repo.insert(w, who.id(), who.username(), now);
    repo.addStep(id, "requested", who.id(), who.username(), now, w.reason());
    Waiver saved = get(id);
    publish(saved, "requested", who, now, w.reason());
    return saved;
  }

  @Transactional
  public Waiver approve(long id, String reason, UserRef who) {
    Waiver w = get(id);
    String why = requireReason(reason);
    Instant now = now();
    requireStatus(w, WaiverStatus.REQUESTED, "approved", now);
    if (w.requestedById() == who.id()) {
      throw new ConflictException("Nobody approves their own request: ask another approver");
    }
    return step(w, WaiverStatus.REQUESTED, WaiverStatus.APPROVED, "approved", why, who, now);
  }

  @Transactional
  public Waiver reject(long id, String reason, UserRef who) {
    Waiver w = get(id);
    String why = requireReason(reason);
    Instant now = now();
    requireStatus(w, WaiverStatus.REQUESTED, "rejected", now);
    return step(w, WaiverStatus.REQUESTED, WaiverStatus.REJECTED, "rejected", why, who, now);
  }

  @Transactional
  public Waiver revoke(long id, String reason, UserRef who) {
    Waiver w = get(id);
    String why = requireReason(reason);
    Instant now = now();
    requireStatus(w, WaiverStatus.APPROVED, "revoked", now);
    return step(w, WaiverStatus.APPROVED, WaiverStatus.REVOKED, "revoked", why, who, now);
  }

  /** The waivers that count now, with the servers their scopes hold now. */
  public WaiverCoverage coverage() {
    Instant now = now();
    List<WaiverCoverage.Active> active = new ArrayList<>();
    for (Waiver w : repo.approved()) {
      if (w.active(now)) {
        active.add(
            new WaiverCoverage.Active(
                w.id(),
                members(w),
                w.benchmarkId(),
                w.profileId(),
                new LinkedHashSet<>(w.ruleIds())));
      }
    }
    return active.isEmpty() ? WaiverCoverage.NONE : new WaiverCoverage(active);
  }

  private Waiver step(
      Waiver w,
      WaiverStatus from,
      WaiverStatus to,
      String action,
      String why,
      UserRef who,
      Instant now) {
    if (!repo.setStatus(w.id(), from, to, now)) {
      throw new ConflictException("Security waiver " + w.id() + " changed meanwhile; try again");
    }
    repo.addStep(w.id(), action, who.id(), who.username(), now, why);
    Waiver saved = get(w.id());
    publish(saved, action, who, now, why);
    return saved;
  }

  private static void requireStatus(Waiver w, WaiverStatus needed, String verb, Instant now) {
    WaiverStatus s = w.status(now);
    if (s != needed) {
      throw new ConflictException(
          "Security waiver "
              + w.id()
              + " is "
              + s.code()
              + "; only a "
              + needed.code()
              + " waiver can be "
              + verb);
    }
  }

  private static String requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("reason", "reason is required");
    }
    if (reason.trim().length() > 4000) {
      throw new InvalidInputException("reason", "reason must be at most 4000 characters");
    }
    return reason.trim();
  }

  private NewWaiver validate(NewWaiver in) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (in == null) {
      throw new InvalidInputException("securityWaiver", "securityWaiver is required");
    }
    String name = trim(in.name());
    if (name == null) {
      errors.put("name", "name is required");
    } else if (name.length() > 255) {
      errors.put("name", "name must be at most 255 characters");
    }
    String reason = trim(in.reason());
    if (reason == null) {
      errors.put("reason", "reason is required");
    } else if (reason.length() > 4000) {
      errors.put("reason", "reason must be at most 4000 characters");
    }
    String ticket = trim(in.ticket());
    if (ticket != null && ticket.length() > 255) {
      errors.put("ticket", "ticket must be at most 255 characters");
    }
    Instant now = now();
    if (in.expiresAt() == null) {
      errors.put("expiresAt", "expiresAt is required");
    } else if (!in.expiresAt().isAfter(now)) {
      errors.put("expiresAt", "expiresAt must be in the future");
    } else if (in.expiresAt().isAfter(now.plus(settings.maxDuration()))) {
      errors.put(
          "expiresAt",
          "expiresAt must be at most "
              + settings.maxDuration().toDays()
              + " days ahead (vigil.waivers.max-duration)");
    }
    List<String> rules = new ArrayList<>();
    if (in.ruleIds() == null || in.ruleIds().isEmpty()) {
      errors.put("ruleIds", "ruleIds must name at least one rule");
    } else if (in.ruleIds().size() > MAX_RULES) {
      errors.put("ruleIds", "ruleIds must name at most " + MAX_RULES + " rules");
    } else {
      for (int i = 0; i < in.ruleIds().size(); i++) {
        String r = trim(in.ruleIds().get(i));
        if (r == null) {
          errors.put("ruleIds[" + i + "]", "rule id must not be blank");
        } else if (r.length() > 1024) {
          errors.put("ruleIds[" + i + "]", "rule id must be at most 1024 characters");
        } else if (!repo.ruleKnown(r)) {
          errors.put("ruleIds[" + i + "]", "unknown rule id '" + r + "': no scan has reported it");
        } else if (!rules.contains(r)) {
          rules.add(r);
        }
      }
    }
    String label = trim(in.scopeLabel());
    Long scopeId = in.scopeId();
    if (in.scopeType() == null) {
      errors.put("scope.type", "scope.type must be one of " + WaiverScopeType.codes());
    } else if (in.scopeType() == WaiverScopeType.SERVER_LABEL) {
      scopeId = null;
      if (label == null) {
        errors.put("scope.label", "scope.label is required for a server-label scope");
      } else if (label.length() > 255) {
        errors.put("scope.label", "scope.label must be at most 255 characters");
      }
    } else {
      label = null;
      String what = in.scopeType().code();
      if (scopeId == null) {
        errors.put("scope.id", "scope.id is required for a " + what + " scope");
      } else if (!exists(in.scopeType(), scopeId)) {
        errors.put("scope.id", "unknown " + what + " id " + scopeId);
      }
    }
    String benchmark = trim(in.benchmarkId());
    String profile = trim(in.profileId());
    if (benchmark != null && benchmark.length() > 1024) {
      errors.put("benchmarkId", "benchmarkId must be at most 1024 characters");
    }
    if (profile != null && profile.length() > 1024) {
      errors.put("profileId", "profileId must be at most 1024 characters");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(
          errors.size() == 1 ? errors.values().iterator().next() : "Unable to save waiver", errors);
    }
    return new NewWaiver(
        name,
        reason,
        ticket,
        in.expiresAt(),
        rules,
        in.scopeType(),
        scopeId,
        label,
        benchmark,
        profile);
  }

  private boolean exists(WaiverScopeType type, long id) {
    return switch (type) {
      case SERVER -> repo.serverExists(id);
      case INSTANCE -> repo.instanceExists(id);
      case JOB -> repo.jobExists(id);
      case SERVER_LABEL -> true;
    };
  }

  /** Publishes the step once the surrounding transaction has committed (at once without one). */
  private void publish(Waiver w, String action, UserRef who, Instant at, String why) {
    WaiverChanged event =
        new WaiverChanged(
            w.id(), w.name(), action, w.status(at).code(), who.username(), at, why, w.expiresAt());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              events.publishEvent(event);
            }
          });
    } else {
      events.publishEvent(event);
    }
  }

  private static boolean has(String s, String phrase) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(phrase);
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
