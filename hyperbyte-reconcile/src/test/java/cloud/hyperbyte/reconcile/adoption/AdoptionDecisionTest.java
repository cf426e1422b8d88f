package cloud.hyperbyte.reconcile.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.apply.AppliedHash;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.decision.StatefulSetShape;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AdoptionDecisionTest {

  private static final List<String> GO_FINALIZERS = List.of(AdoptionPlan.GO_FINALIZER);

  private static AdoptionPlan decide(ObservedCluster observed, boolean proxyOmitted, List<String> finalizers,
      List<HasMetadata> owned) {
    return AdoptionDecision.decide(observed, new AdoptionInput("cluster-uid", proxyOmitted, finalizers, owned,
        List.of()));
  }

  /** The scenario with a live StatefulSet that is the rendered one, changed by {@code change}, with status caught up. */
  private static ObservedCluster live(Scenario scenario, UnaryOperator<StatefulSet> change) {
    ObservedCluster observed = scenario.build();
    StatefulSet rendered = observed.rendered().get(StatefulSet.class, observed.names().statefulSet());
    StatefulSet live = change.apply(new StatefulSetBuilder(rendered)
        .editMetadata().withUid("sts-uid").withGeneration(2L).endMetadata()
        .withStatus(observed.statefulSet().orElseThrow().getStatus())
        .build());
    return ImmutableObservedCluster.copyOf(observed).withStatefulSet(live);
  }

  /** What the Go operator creates: OrderedReady when clustered, claim templates without labels. */
  private static StatefulSet goMade(StatefulSet rendered) {
    return new StatefulSetBuilder(rendered)
        .editSpec().withPodManagementPolicy("OrderedReady")
        .editFirstVolumeClaimTemplate().editMetadata().withLabels(null).endMetadata().endVolumeClaimTemplate()
        .endSpec().build();
  }

  @Nested
  class TheStatefulSet {

    @Test
    void oneThisOperatorRenderedIsAppliedAsUsual() {
      AdoptionPlan plan = decide(live(Scenario.running(3), s -> s), false, List.of(), List.of());

      assertThat(plan.replaceStatefulSet()).isEmpty();
      assertThat(plan.writesStatefulSet()).isTrue();
      assertThat(plan.notices()).isEmpty();
    }

    @Test
    void theGoOperatorsIsDeletedOrphaningItsPodsBecauseItsPolicyAndClaimTemplatesCannotChange() {
      AdoptionPlan plan = decide(live(Scenario.running(3), AdoptionDecisionTest::goMade), true,
          GO_FINALIZERS, List.of());

      assertThat(plan.replaceStatefulSet()).hasValueSatisfying(orphan -> {
        assertThat(orphan.name()).isEqualTo(TestClusters.NAME);
        assertThat(orphan.uid()).isEqualTo("sts-uid");
      });
      assertThat(plan.writesStatefulSet()).isFalse();
      assertThat(plan.notices()).singleElement().satisfies(n -> {
        assertThat(n.severity()).isEqualTo(Notice.Severity.PROGRESSING);
        assertThat(n.message()).contains("spec.podManagementPolicy (OrderedReady)", "spec.volumeClaimTemplates",
            "keep running");
      });
    }

    @Test
    void thisOperatorsOwnWithAnImmutableFieldChangedIsNeverReplacedTheServerRefusesTheChangeInstead() {
      AdoptionPlan plan = decide(live(Scenario.running(3), s -> new StatefulSetBuilder(goMade(s))
          .editMetadata().addToAnnotations(AppliedHash.ANNOTATION, "h").endMetadata().build()), true, List.of(),
          List.of());

      assertThat(plan.replaceStatefulSet()).isEmpty();
      assertThat(plan.writesStatefulSet()).isTrue();
    }

    @Test
    void whileItIsReplacedNoLifecycleStepRunsAndTheMemoryStaysAsLastWritten() {
      AdoptionPlan plan = decide(live(Scenario.running(3), AdoptionDecisionTest::goMade), true,
          List.of(), List.of());
      LifecyclePlan lifecycle = new LifecyclePlan(List.of(new Action.ResizeVolume("data-db-0", 0, "20Gi", "10Gi")),
          Optional.of(new StatefulSetShape(3, 2)), LifecycleMemory.empty().withFailoverCount(1), List.of(),
          Optional.of(Instant.EPOCH));

      LifecyclePlan merged = plan.mergeInto(lifecycle, LifecycleMemory.empty());

      assertThat(merged.actions()).containsExactly(plan.replaceStatefulSet().orElseThrow());
      assertThat(merged.memory()).isEqualTo(LifecycleMemory.empty());
      assertThat(merged.requeueAt()).isEmpty();
    }

    @Test
    void aPausedClusterKeepsItUntilResumed() {
      AdoptionPlan plan = decide(
          live(Scenario.running(3).spec(s -> s.withPaused(true)), AdoptionDecisionTest::goMade), true, List.of(),
          List.of());

      assertThat(plan.replaceStatefulSet()).isEmpty();
      assertThat(plan.notices()).singleElement().satisfies(n -> assertThat(n.message()).contains("no longer paused"));
    }

    @Test
    void oneItsControllerHasNotCaughtUpWithWaits() {
      AdoptionPlan plan = decide(live(Scenario.running(3),
          s -> new StatefulSetBuilder(goMade(s)).editStatus().withObservedGeneration(1L).endStatus().build()),
          true, List.of(), List.of());

      assertThat(plan.replaceStatefulSet()).isEmpty();
      assertThat(plan.notices()).singleElement().satisfies(n -> assertThat(n.message()).contains("caught up"));
    }

    @Test
    void aDifferentClaimSizeAloneIsLeftToVolumeGrowth() {
      AdoptionPlan plan = decide(live(Scenario.running(3), s -> new StatefulSetBuilder(s)
          .editSpec().editFirstVolumeClaimTemplate().editSpec().editResources()
          .withRequests(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("5Gi")))
          .endResources().endSpec().endVolumeClaimTemplate().endSpec().build()), true, List.of(), List.of());

      assertThat(plan.replaceStatefulSet()).isEmpty();
    }
  }

  @Nested
  class TheDisruptionBudget {

    private HasMetadata budget(Map<String, String> annotations) {
      return new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
          .withNewMetadata().withName(TestClusters.NAME + "-pdb").withNamespace(TestClusters.NAMESPACE)
          .withAnnotations(annotations).endMetadata()
          .withNewSpec().withMinAvailable(new io.fabric8.kubernetes.api.model.IntOrString(2)).endSpec().build();
    }

    @Test
    void theGoOperatorsIsPrunedBeforeTheRenderedOneIsCreatedSoNoBudgetHasBothBounds() {
      ObservedCluster observed = live(Scenario.running(3), s -> s);
      HasMetadata rendered = observed.rendered()
          .get(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, TestClusters.NAME + "-pdb");

      AdoptionPlan plan = decide(observed, true, List.of(), List.of(budget(Map.of())));

      assertThat(plan.applies(rendered)).isFalse();
      assertThat(plan.prunable(List.of(budget(Map.of())))).hasSize(1);
    }

    @Test
    void oneThisOperatorAppliedIsAppliedAgain() {
      ObservedCluster observed = live(Scenario.running(3), s -> s);
      HasMetadata rendered = observed.rendered()
          .get(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, TestClusters.NAME + "-pdb");

      assertThat(decide(observed, true, List.of(), List.of(budget(Map.of(AppliedHash.ANNOTATION, "h"))))
          .applies(rendered)).isTrue();
    }
  }

  @Nested
  class TheFinalizer {

    @Test
    void theGoOperatorsIsRemoved() {
      assertThat(decide(live(Scenario.running(3), s -> s), true,
          List.of("other.example/keep", AdoptionPlan.GO_FINALIZER), List.of()).removeFinalizer()).isTrue();
    }

    @Test
    void othersAreLeftAlone() {
      assertThat(decide(live(Scenario.running(3), s -> s), true, List.of("other.example/keep"),
          List.of()).removeFinalizer()).isFalse();
    }
  }

  @Nested
  class TheGoOperatorsProxy {

    private final HasMetadata goDeployment = new DeploymentBuilder()
        .withNewMetadata().withName(TestClusters.NAME + "-proxy").withNamespace(TestClusters.NAMESPACE).endMetadata()
        .build();
    private final HasMetadata goService = new ServiceBuilder()
        .withNewMetadata().withName(TestClusters.NAME + "-proxy").withNamespace(TestClusters.NAMESPACE).endMetadata()
        .build();
    private final HasMetadata ourDeployment = new DeploymentBuilder()
        .withNewMetadata().withName(TestClusters.NAME + "-proxy").withNamespace(TestClusters.NAMESPACE)
        .withAnnotations(Map.of(AppliedHash.ANNOTATION, "abc")).endMetadata()
        .build();

    @Test
    void isKeptRunningWhileSpecProxyIsOmittedAndTheDifferenceIsSaid() {
      AdoptionPlan plan = decide(live(Scenario.running(3), s -> s), true, List.of(),
          List.of(goDeployment, goService));

      assertThat(plan.kept()).containsExactlyInAnyOrder(ObjectRef.of(goDeployment), ObjectRef.of(goService));
      assertThat(plan.prunable(List.of(goDeployment, goService))).isEmpty();
      assertThat(plan.notices()).singleElement().satisfies(n -> {
        assertThat(n.severity()).isEqualTo(Notice.Severity.DEGRADED);
        assertThat(n.reason()).isEqualTo("GoOperatorProxyKept");
        assertThat(n.message()).contains("spec.proxy.enabled: true", "spec.proxy.enabled: false");
      });
    }

    @Test
    void isPrunedWhenTheSpecSaysProxyEnabledFalse() {
      AdoptionPlan plan = decide(live(Scenario.running(3), s -> s), false, List.of(),
          List.of(goDeployment, goService));

      assertThat(plan.kept()).isEmpty();
      assertThat(plan.prunable(List.of(goDeployment, goService))).hasSize(2);
    }

    @Test
    void aProxyThisOperatorAppliedFollowsTheSpecAsAlways() {
      AdoptionPlan plan = decide(live(Scenario.running(3), s -> s), true, List.of(),
          List.of(ourDeployment));

      assertThat(plan.kept()).isEmpty();
      assertThat(plan.notices()).isEmpty();
    }
  }
}
