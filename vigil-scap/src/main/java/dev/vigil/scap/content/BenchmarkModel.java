package dev.vigil.scap.content;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The selection-relevant skeleton of one XCCDF benchmark: items as int ids with parent links and
 * flags, and raw profiles; {@link Selection} turns it into counts.
 */
final class BenchmarkModel {
  String id = "";
  String version = "";
  String title = "";
  final List<String> platforms = new ArrayList<>();
  final List<RawProfile> profiles = new ArrayList<>();

  final Map<String, Integer> itemIndex = new HashMap<>();
  final Map<String, List<Integer>> clusters = new HashMap<>();
  final Map<Integer, List<String[]>> requires = new HashMap<>();
  final Map<Integer, List<String>> conflicts = new HashMap<>();
  final BitSet rules = new BitSet();
  final BitSet selectedByDefault = new BitSet();
  final BitSet abstractItems = new BitSet();
  int[] parent = new int[1024];
  int itemCount;

  /** A profile as written, before {@code extends} is resolved. */
  record RawProfile(
      String id,
      String title,
      String description,
      boolean isAbstract,
      @Nullable String extendsId,
      List<Select> selects) {}

  /** One {@code select} of a profile: an item id or a cluster id. */
  record Select(String idref, boolean selected) {}

  /** Adds a Rule or Group in document order and returns its int id. */
  int addItem(
      @Nullable String itemId,
      int parentItem,
      boolean isRule,
      boolean selected,
      boolean isAbstract) {
    int i = itemCount++;
    if (i == parent.length) {
      parent = Arrays.copyOf(parent, i * 2);
    }
    parent[i] = parentItem;
    rules.set(i, isRule);
    selectedByDefault.set(i, selected);
    abstractItems.set(i, isAbstract);
    if (itemId != null) {
      itemIndex.putIfAbsent(itemId, i);
    }
    return i;
  }

  void addToCluster(String clusterId, int item) {
    clusters.computeIfAbsent(clusterId, k -> new ArrayList<>(4)).add(item);
  }

  void addRequires(int item, String[] anyOf) {
    requires.computeIfAbsent(item, k -> new ArrayList<>(1)).add(anyOf);
  }

  void addConflicts(int item, String[] ids) {
    conflicts.computeIfAbsent(item, k -> new ArrayList<>(1)).addAll(Arrays.asList(ids));
  }

  /** The finished, immutable description. */
  BenchmarkInfo toInfo() {
    Selection selection = new Selection(this);
    Map<String, RawProfile> byId = new HashMap<>();
    profiles.forEach(p -> byId.putIfAbsent(p.id(), p));
    List<ProfileInfo> infos = new ArrayList<>(profiles.size());
    for (RawProfile p : profiles) {
      // oscap info lists an abstract profile as "Id: x (abstract)" but eval refuses it: not
      // offered.
      if (!p.isAbstract()) {
        infos.add(new ProfileInfo(p.id(), p.title(), p.description(), selection.count(p, byId)));
      }
    }
    int total = rules.cardinality() - countAbstractRules();
    return new BenchmarkInfo(
        id,
        version,
        title,
        List.copyOf(platforms),
        total,
        selection.count(null, byId),
        List.copyOf(infos));
  }

  private int countAbstractRules() {
    BitSet b = (BitSet) rules.clone();
    b.and(abstractItems);
    return b.cardinality();
  }
}
