package cloud.hyperbyte.reconcile.plan;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.model.v1alpha1.PvcRetentionSpec;
import cloud.hyperbyte.model.v1alpha1.ScalingSpec;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.render.RenderOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The plan of a change is what the operator's own passes decide, pass after projected pass: a
 * create, an upgrade, a scale-down, a scale-up with and without seeding, and no change, each from a cluster the planner itself converged.
 */
class ChangePlannerTest {

  private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");
  private final ChangePlanner planner = new ChangePlanner(START, LifecycleTimings.defaults());

  @Test
  void aCreateStartsEveryMemberAndAddsEachLaterOneThroughNodeOne() {
    HyperbytedbCluster cluster = cluster(3, s -> {});

    ChangePlan plan = planner.create(spec(cluster), cluster, RenderOptions.defaults());

    assertThat(plan.finished()).isTrue();
    assertThat(steps(plan)).containsExactly("start-member db-0", "start-member db-1", "start-member db-2",
        "add-node db-1", "add-node db-2");
    assertThat(plan.objects()).extracting(ChangePlan.ObjectChange::action).containsOnly("create");
    assertThat(plan.objects()).extracting(ChangePlan.ObjectChange::kind).contains("StatefulSet", "Service",
        "ConfigMap", "PodDisruptionBudget");
    assertThat(plan.risks().membersRestarted()).isZero();
    assertThat(plan.changes()).isTrue();
  }

  @Test
  void aVersionChangeRestartsEveryMemberOnceHighestOrdinalFirstAndTheLeaderLast() {
    ChangePlanner.Outcome converged = converged(cluster(3, s -> {}));

    ChangePlan plan = replan(converged, s -> s.setVersion("0.8.6"));

    assertThat(steps(plan)).as("a restarted voter is re-added once its peers dropped it").containsExactly(
        "restart db-2", "add-node db-2", "restart db-1", "add-node db-1", "restart db-0", "add-node db-0");
    assertThat(plan.steps().get(0).reason()).startsWith("reason: version (image ").contains("0.8.5 -> ")
        .contains(":0.8.6");
    assertThat(plan.risks().membersRestarted()).isEqualTo(3);
    assertThat(plan.risks().maxMembersOutAtOnce()).isEqualTo(1);
    assertThat(plan.objects()).filteredOn(o -> o.kind().equals("StatefulSet")).singleElement()
        .satisfies(o -> assertThat(o.fields()).anyMatch(f -> f.startsWith("spec.template.spec.containers[name=")));
  }

  @Test
  void aScaleDownWithDeleteDrainsRemovesAndShrinksOneMemberAtATimeAndFlagsTheDeletedVolumes() {
    ChangePlanner.Outcome converged = converged(cluster(5, s -> {
      PvcRetentionSpec retention = new PvcRetentionSpec();
      retention.setWhenScaled(PvcRetention.DELETE);
      s.setPersistentVolumeClaimRetention(retention);
    }));

    ChangePlan plan = replan(converged, s -> s.setReplicas(3));

    assertThat(steps(plan)).containsExactly(
        "drain db-4", "remove-node db-4", "stop-member db-4", "delete-pvc db-4",
        "drain db-3", "remove-node db-3", "stop-member db-3", "delete-pvc db-3");
    assertThat(plan.risks().dataDeleted()).containsExactly("PersistentVolumeClaim data-db-4",
        "PersistentVolumeClaim data-db-3");
    assertThat(plan.risks().flagged()).anyMatch(f -> f.startsWith("data deleted"));
    assertThat(plan.risks().maxMembersOutAtOnce()).isEqualTo(1);
    assertThat(plan.risks().membersRestarted()).isZero();
  }

  @Test
  void aScaleUpSeedsEachNewMemberFromAServingMemberBeforeItStartsAndJoins() {
    ChangePlanner.Outcome converged = converged(cluster(3, s -> {}));

    ChangePlan plan = replan(converged, s -> s.setReplicas(5));

    assertThat(plan.finished()).isTrue();
    assertThat(steps(plan)).as("the next member's seeding starts in the pass that grows the StatefulSet over the"
        + " last one's claim").containsExactly("seed db-3", "seed db-4", "start-member db-3", "add-node db-3",
            "start-member db-4", "add-node db-4");
    assertThat(plan.steps()).filteredOn(s -> s.action().equals("seed")).satisfiesExactly(
        s -> assertThat(s).satisfies(seed -> {
          assertThat(seed.object()).contains("PersistentVolumeClaim data-db-3");
          assertThat(seed.event()).contains("MemberSeeding");
          assertThat(seed.reason()).matches("seeded from a fresh backup of db-[0-2]: .*");
        }),
        s -> assertThat(s.object()).contains("PersistentVolumeClaim data-db-4"));
    assertThat(plan.risks().flagged()).noneMatch(f -> f.contains("flushed"));
  }

  @Test
  void aScaleUpWithSeedingOffStartsTheNewMembersUnseededAndSaysTheyMissTheFlushedHistory() {
    ChangePlanner.Outcome converged = converged(cluster(3, s -> {}));

    ChangePlan plan = replan(converged, s -> {
      s.setReplicas(5);
      ScalingSpec scaling = new ScalingSpec();
      scaling.setSeedNewMembers(false);
      s.setScaling(scaling);
    });

    assertThat(steps(plan)).containsExactly("start-member db-3", "start-member db-4", "add-node db-3",
        "add-node db-4");
    assertThat(plan.risks().flagged()).anyMatch(f -> f.startsWith("db-3, db-4 start without the history flushed"));
  }

  @Test
  void aNewMemberWithNoMemberToSeedFromIsNotAddedAndTheBlockIsFlagged() {
    ChangePlanner.Outcome converged = converged(cluster(3, s -> {}));
    // a listing that names no member's node: a source pod runs on its member's node, so none can be placed
    List<HasMetadata> unplaced = converged.last().objects().stream()
        .map(o -> o instanceof Pod pod ? (HasMetadata) new PodBuilder(pod).editSpec().withNodeName(null)
            .endSpec().build() : o)
        .toList();

    ChangePlan plan = replan(new ChangePlanner.Outcome(converged.plan(),
        new ProjectedCluster(converged.last().cluster(), unplaced, converged.last().members())), s -> s.setReplicas(4));

    assertThat(steps(plan)).doesNotContain("seed db-3", "start-member db-3", "add-node db-3");
    assertThat(plan.risks().flagged()).anyMatch(f -> f.startsWith("member 3 is not added: ")
        && f.contains("no healthy member"));
  }

  @Test
  void theSameSpecAgainChangesNothing() {
    ChangePlanner.Outcome converged = converged(cluster(3, s -> {}));

    ChangePlan plan = replan(converged, s -> {});

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.objects()).extracting(ChangePlan.ObjectChange::action).containsOnly("unchanged");
    assertThat(plan.changes()).isFalse();
    assertThat(plan.passes()).isEqualTo(1);
  }

  @Test
  void aPausedClusterTakesNoStep() {
    ChangePlanner.Outcome converged = converged(cluster(3, s -> {}));

    ChangePlan plan = replan(converged, s -> {
      s.setVersion("0.8.6");
      s.setPaused(true);
    });

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.changes()).isFalse();
  }

  private ChangePlanner.Outcome converged(HyperbytedbCluster cluster) {
    ChangePlanner.Outcome outcome = planner.project(spec(cluster), cluster, List.of(), name -> Optional.of(true),
        RenderOptions.defaults());
    assertThat(outcome.plan().finished()).as("converged").isTrue();
    return outcome;
  }

  private ChangePlan replan(ChangePlanner.Outcome converged, Consumer<HyperbytedbClusterSpec> change) {
    HyperbytedbCluster live = converged.last().cluster();
    HyperbytedbCluster next = new HyperbytedbCluster();
    next.setMetadata(new ObjectMetaBuilder(live.getMetadata()).withGeneration(2L).build());
    HyperbytedbClusterSpec spec = io.fabric8.kubernetes.client.utils.Serialization.clone(live.getSpec());
    change.accept(spec);
    next.setSpec(spec);
    next.setStatus(live.getStatus());
    return planner.plan(spec(next), next, converged.last().objects(), name -> Optional.of(true),
        RenderOptions.defaults());
  }

  private static List<String> steps(ChangePlan plan) {
    return plan.steps().stream().filter(s -> !s.action().endsWith("-proxy"))
        .map(s -> s.action() + s.member().map(m -> " " + m).orElse("")).toList();
  }

  private static HyperbytedbCluster cluster(int replicas, Consumer<HyperbytedbClusterSpec> customize) {
    HyperbytedbClusterSpec spec = new HyperbytedbClusterSpec();
    spec.setReplicas(replicas);
    spec.setVersion("0.8.5");
    customize.accept(spec);
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace("prod").withUid("uid-1")
        .withGeneration(1L).build());
    cluster.setSpec(spec);
    return cluster;
  }

  private static ClusterSpec spec(HyperbytedbCluster cluster) {
    return ClusterSpecFactory.from(cluster, "cluster.local").orElseThrow();
  }
}
