package cloud.hyperbyte.reconcile.storage;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.UpgradeProgress;
import cloud.hyperbyte.reconcile.decision.UpgradeStep;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedVolume;
import cloud.hyperbyte.reconcile.snapshot.Sizes;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Safety of volume growth over generated snapshots: any spec size, claim template size, per-volume
 * request, capacity and class, StatefulSet present, terminating or gone, paused or not, an upgrade
 * under way or not.
 */
class StorageGrowthInvariantsTest {

  private static final List<String> SIZES = List.of("5Gi", "10Gi", "10240Mi", "20Gi");

  /** One generated situation. */
  record Situation(String spec, String template, List<String> requests, List<String> capacities,
      List<Boolean> expandable, int statefulSet, boolean paused, boolean upgrading) {

    /** {@code mode}: 0 nothing else going on, 1 paused, 2 upgrading; {@code caughtUp}: every PVC asks for the spec's size. */
    static Situation of(String spec, String template, List<String> requests, List<String> capacities,
        List<Boolean> expandable, int statefulSet, int mode, boolean caughtUp) {
      return new Situation(spec, template, caughtUp ? List.of(spec, spec, spec) : requests, capacities, expandable,
          statefulSet, mode == 1, mode == 2);
    }

    ObservedCluster observe() {
      StorageScenario scenario = StorageScenario.threeMembers().specSize(spec).templateSize(template)
          .storageClass("fixed", Optional.of(false));
      for (int ordinal = 0; ordinal < 3; ordinal++) {
        scenario.volume(ordinal, expandable.get(ordinal) ? "standard" : "fixed", requests.get(ordinal),
            capacities.get(ordinal), null);
      }
      if (statefulSet == 1) {
        scenario.statefulSetTerminating();
      } else if (statefulSet == 2) {
        scenario.statefulSetGone();
      }
      if (paused) {
        scenario.scenario(s -> s.spec(c -> c.withPaused(true)));
      }
      if (upgrading) {
        scenario.scenario(s -> s.remembering(LifecycleMemory.empty().withUpgrade(Optional.of(new UpgradeProgress(
            "r2", OptionalInt.of(2), Optional.of(UpgradeStep.RESTARTING), cloud.hyperbyte.reconcile.decision.Scenario.NOW,
            List.of())))));
      }
      return scenario.build();
    }
  }

  @Provide
  Arbitrary<Situation> situations() {
    Arbitrary<String> size = Arbitraries.of(SIZES);
    return Combinators.combine(size, size, size.list().ofSize(3), size.list().ofSize(3),
            Arbitraries.of(true, true, false).list().ofSize(3), Arbitraries.of(0, 0, 0, 1, 2),
            Arbitraries.of(0, 0, 0, 0, 1, 2), Arbitraries.of(false, true))
        .as(Situation::of);
  }

  private static int compare(String a, String b) {
    return Sizes.compare(new Quantity(a), new Quantity(b));
  }

  @Property(tries = 300)
  void aPvcIsOnlyEverGrownToTheSpecsSizeAndNeverWhilePausedOrOfAClassThatRefuses(
      @ForAll("situations") Situation situation) {
    ObservedCluster observed = situation.observe();

    for (Action action : StorageGrowthDecision.decide(observed).actions()) {
      if (action instanceof Action.ResizeVolume resize) {
        ObservedVolume volume = observed.storage().volumes().get(resize.ordinal());
        assertThat(resize.size()).isEqualTo(situation.spec());
        assertThat(compare(situation.requests().get(resize.ordinal()), situation.spec())).isNegative();
        assertThat(volume.storageClassName()).hasValue("standard");
        assertThat(situation.paused()).isFalse();
      }
    }
  }

  @Property(tries = 300)
  void theStatefulSetIsOrphanedOnlyOnceEveryPvcAsksForALargerSizeAndNothingElseIsUnderWay(
      @ForAll("situations") Situation situation) {
    List<Action> actions = StorageGrowthDecision.decide(situation.observe()).actions();
    boolean orphaned = actions.stream().anyMatch(Action.OrphanStatefulSet.class::isInstance);
    Statistics.collect(orphaned ? "orphaned" : "not orphaned");

    if (orphaned) {
      assertThat(actions).hasSize(1);
      assertThat(situation.requests()).allSatisfy(r -> assertThat(compare(r, situation.spec())).isNotNegative());
      assertThat(compare(situation.template(), situation.spec())).isNegative();
      assertThat(situation.statefulSet()).isZero();
      assertThat(situation.paused()).isFalse();
      assertThat(situation.upgrading()).isFalse();
    }
  }

  @Property(tries = 300)
  void anExistingStatefulSetIsNeverAppliedWithAnotherClaimSize(@ForAll("situations") Situation situation) {
    ObservedCluster observed = situation.observe();
    StatefulSet rendered = observed.rendered().objects().stream().filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast).findFirst().orElseThrow();

    Optional<StatefulSet> applied = StorageGrowthDecision.decide(observed).adjust(rendered);

    if (situation.statefulSet() == 0) {
      assertThat(applied).hasValueSatisfying(s -> assertThat(compare(Sizes.text(s.getSpec().getVolumeClaimTemplates()
          .get(0).getSpec().getResources().getRequests().get("storage")), situation.template())).isZero());
    } else if (situation.statefulSet() == 1) {
      assertThat(applied).isEmpty();
    }
  }
}
