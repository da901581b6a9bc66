package dev.vigil.scap.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule counts equal the rule-results other than notselected that {@code oscap xccdf eval} writes,
 * profile by profile (two oscap processes at a time).
 */
class SsgRuleCountSystemTest {
  private final ContentIndexer indexer = new ContentIndexer();

  @TempDir Path work;

  @BeforeEach
  void needsOscap() {
    Oscap.assumeInstalled();
  }

  @Test
  void rhel9ProfileRuleCountsEqualOscapEval() throws Exception {
    assertCountsMatchOscap(Oscap.SSG.resolve("ssg-rhel9-ds.xml"));
  }

  @Test
  void firefoxProfileRuleCountsEqualOscapEval() throws Exception {
    assertCountsMatchOscap(Oscap.SSG.resolve("ssg-firefox-ds.xml"));
  }

  @Test
  void eksProfileRuleCountsEqualOscapEval() throws Exception {
    assertCountsMatchOscap(Oscap.SSG.resolve("ssg-eks-ds.xml"));
  }

  @Test
  void chromiumProfileAndDefaultRuleCountsEqualOscapEval() throws Exception {
    Path ds = Oscap.SSG.resolve("ssg-chromium-ds.xml");
    assertCountsMatchOscap(ds);
    BenchmarkInfo b = indexer.index(ds, "ds.xml").checklists().get(0).benchmark();
    assertThat(b.defaultRuleCount()).isEqualTo(Oscap.evalSelectedCount(ds, null, work));
  }

  @Test
  void selectionSemanticsBenchmarkCountsEqualOscapEval() throws Exception {
    Path file = Path.of(getClass().getResource("selection-benchmark.xml").toURI());
    assertCountsMatchOscap(file);
    BenchmarkInfo b = indexer.index(file, "b.xml").checklists().get(0).benchmark();
    assertThat(b.defaultRuleCount()).isEqualTo(Oscap.evalSelectedCount(file, null, work));
  }

  private void assertCountsMatchOscap(Path file) throws Exception {
    BenchmarkInfo b = indexer.index(file, "x.xml").checklists().get(0).benchmark();
    Map<String, Integer> ours = new LinkedHashMap<>();
    b.profiles().forEach(p -> ours.put(p.id(), p.ruleCount()));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (String id : ours.keySet()) {
        counts.add(pool.submit(() -> Oscap.evalSelectedCount(file, id, work)));
      }
      Map<String, Integer> oscap = new LinkedHashMap<>();
      int i = 0;
      for (String id : ours.keySet()) {
        oscap.put(id, counts.get(i++).get());
      }
      assertThat(ours).isNotEmpty().containsExactlyEntriesOf(oscap);
    } finally {
      pool.shutdownNow();
    }
  }
}
