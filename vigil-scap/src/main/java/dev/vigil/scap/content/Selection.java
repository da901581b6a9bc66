package dev.vigil.scap.content;

import dev.vigil.scap.content.BenchmarkModel.RawProfile;
import dev.vigil.scap.content.BenchmarkModel.Select;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * XCCDF rule selection as {@code oscap xccdf eval} 1.3.7 applies it.
 *
 * <p>An item starts with its {@code selected} attribute (default true). A profile's selects are
 * applied in document order after those of the profiles it {@code extends} (recursively), a later
 * select overriding an earlier one; a select's idref names an item id or a {@code cluster-id}. A
 * rule is selected only when it and all its ancestor groups are. Abstract items are never
 * evaluated.
 *
 * <p>Then oscap applies {@code requires} and {@code conflicts}, verified against oscap 1.3.7 with
 * small benchmarks and the SSG datastreams (rhel9 stig, e8 and cis each lose one rule to them): it
 * walks the items once in document order (a group before its content), and a still-selected item is
 * deselected when its group has just been deselected, when one of its {@code requires} lists names
 * no currently selected item (the ids in one list are alternatives, several lists must all hold),
 * or when an item it {@code conflicts} with is currently selected. "Currently" means the state at
 * that point of the walk: items further on still have their profile selection, so for two rules
 * that conflict with each other the first is dropped and the second kept, and a rule that requires
 * a later rule keeps it even if that later rule is dropped afterwards. An unknown id counts as not
 * selected (oscap itself aborts on one).
 */
final class Selection {
  private final BenchmarkModel m;

  Selection(BenchmarkModel model) {
    this.m = model;
  }

  /** Rules selected for a profile, or with no profile when {@code profile} is null. */
  int count(@Nullable RawProfile profile, Map<String, RawProfile> profiles) {
    BitSet selected = (BitSet) m.selectedByDefault.clone();
    if (profile != null) {
      apply(profile, profiles, selected, new HashSet<>());
    }
    BitSet effective = effective(selected);
    if (!m.requires.isEmpty() || !m.conflicts.isEmpty()) {
      applyDependencies(effective);
    }
    effective.and(m.rules);
    effective.andNot(m.abstractItems);
    return effective.cardinality();
  }

  private void apply(RawProfile p, Map<String, RawProfile> all, BitSet sel, Set<String> seen) {
    if (!seen.add(p.id())) {
      return;
    }
    RawProfile parent = p.extendsId() == null ? null : all.get(p.extendsId());
    if (parent != null) {
      apply(parent, all, sel, seen);
    }
    for (Select s : p.selects()) {
      Integer item = m.itemIndex.get(s.idref());
      if (item != null) {
        sel.set(item, s.selected());
      }
      List<Integer> cluster = m.clusters.get(s.idref());
      if (cluster != null) {
        cluster.forEach(i -> sel.set(i, s.selected()));
      }
    }
  }

  private void applyDependencies(BitSet sel) {
    for (int i = sel.nextSetBit(0); i >= 0; i = sel.nextSetBit(i + 1)) {
      int p = m.parent[i];
      if ((p >= 0 && !sel.get(p)) || !requiresMet(i, sel) || conflicts(i, sel)) {
        sel.clear(i);
      }
    }
  }

  private boolean requiresMet(int item, BitSet sel) {
    for (String[] anyOf : m.requires.getOrDefault(item, List.of())) {
      boolean met = false;
      for (String id : anyOf) {
        met |= isSelected(id, sel);
      }
      if (!met) {
        return false;
      }
    }
    return true;
  }

  private boolean conflicts(int item, BitSet sel) {
    for (String id : m.conflicts.getOrDefault(item, List.of())) {
      if (isSelected(id, sel)) {
        return true;
      }
    }
    return false;
  }

  private boolean isSelected(String id, BitSet sel) {
    Integer i = m.itemIndex.get(id);
    return i != null && sel.get(i);
  }

  /** Items selected themselves and through every ancestor group (parents precede children). */
  private BitSet effective(BitSet sel) {
    BitSet eff = new BitSet(m.itemCount);
    for (int i = sel.nextSetBit(0); i >= 0; i = sel.nextSetBit(i + 1)) {
      int p = m.parent[i];
      if (p < 0 || eff.get(p)) {
        eff.set(i);
      }
    }
    return eff;
  }
}
