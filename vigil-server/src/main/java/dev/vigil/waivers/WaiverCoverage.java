package dev.vigil.waivers;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The waivers that count at one instant (approved, not expired) with the servers their scopes hold
 * at that instant: which failed rules of a (server, benchmark, profile) are waived, and by which
 * waiver (the oldest when several cover a rule).
 */
public final class WaiverCoverage {

  /** One active waiver as compliance needs it. */
  record Active(
      long id,
      Set<Long> serverIds,
      @Nullable String benchmarkId,
      @Nullable String profileId,
      Set<String> ruleIds) {

    boolean covers(long serverId, String benchmark, String profile) {
      return serverIds.contains(serverId)
          && (benchmarkId == null || benchmarkId.equals(benchmark))
          && (profileId == null || profileId.equals(profile));
    }
  }

  public static final WaiverCoverage NONE = new WaiverCoverage(List.of());

  private final List<Active> active;
  private final Set<Long> servers = new HashSet<>();

  WaiverCoverage(List<Active> active) {
    this.active = List.copyOf(active);
    active.forEach(a -> servers.addAll(a.serverIds()));
  }

  /** True when some active waiver covers the server (any rule, benchmark, profile). */
  public boolean touches(long serverId) {
    return servers.contains(serverId);
  }

  /**
   * Which of {@code failedRuleIds} are waived on this server for this benchmark and profile: rule
   * id to waiver id, in the given order.
   */
  public Map<String, Long> waived(
      long serverId, String benchmarkId, String profileId, List<String> failedRuleIds) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (!touches(serverId)) {
      return out;
    }
    List<Active> covering =
        active.stream().filter(a -> a.covers(serverId, benchmarkId, profileId)).toList();
    for (String rule : failedRuleIds) {
      for (Active a : covering) {
        if (a.ruleIds().contains(rule)) {
          out.putIfAbsent(Objects.requireNonNull(rule), a.id());
          break;
        }
      }
    }
    return out;
  }
}
