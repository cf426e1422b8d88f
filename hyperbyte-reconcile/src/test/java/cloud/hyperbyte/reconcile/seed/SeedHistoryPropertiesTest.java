package cloud.hyperbyte.reconcile.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Seeding over whole histories of a cluster (product §3.4, contract §2.4 step 4): generated
 * sequences of scale-ups and scale-downs (whenScaled Retain or Delete) with reconcile passes between
 * them, seed transfers that fail or succeed and Kubernetes writes that fail, replayed over a {@link
 * SeedWorld} (a scale-down shrinks the StatefulSet in the first pass that sees it: the worst case).
 */
class SeedHistoryPropertiesTest {

  /** One user change, then {@code passes} reconcile passes. */
  record Step(int replicas, boolean retain, int passes) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 8)).as(Step::new).list().ofMinSize(1).ofMaxSize(12);
  }

  /** Outcomes, used in turn: mostly successes. */
  @Provide
  Arbitrary<List<Boolean>> outcomes() {
    return Arbitraries.of(true, true, true, false).list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 300)
  void theStatefulSetGrowsOnlyOverClaimsHoldingASeedNoMemberHasStartedOn(
      @ForAll("histories") List<Step> history, @ForAll("outcomes") List<Boolean> transfers,
      @ForAll("outcomes") List<Boolean> writes) {
    Iterator<Boolean> transferred = cycle(transfers);
    Iterator<Boolean> written = cycle(writes);
    SeedWorld cluster = new SeedWorld(3, transferred::next, () -> !written.next());

    for (Step step : history) {
      cluster.scale(step.replicas(), step.retain());
      for (int pass = 0; pass < step.passes(); pass++) {
        cluster.pass();
      }
    }

    assertThat(cluster.grownOverStale).as("members started on a volume without a fresh seed").isEmpty();
  }

  private static Iterator<Boolean> cycle(List<Boolean> values) {
    return Stream.generate(() -> values).flatMap(List::stream).iterator();
  }
}
