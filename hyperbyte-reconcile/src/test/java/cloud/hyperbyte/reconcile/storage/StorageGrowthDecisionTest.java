package cloud.hyperbyte.reconcile.storage;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.decision.UpgradeProgress;
import cloud.hyperbyte.reconcile.decision.UpgradeStep;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Given the spec's size and the observed volumes, StatefulSet and StorageClasses, these are the steps. */
class StorageGrowthDecisionTest {

  private static StatefulSet rendered(ObservedCluster observed) {
    return observed.rendered().objects().stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
        .findFirst().orElseThrow();
  }

  private static Quantity claimSize(StatefulSet statefulSet) {
    return statefulSet.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage");
  }

  @Test
  void aLargerSizePatchesEveryMemberPvcInOrderAndKeepsTheLiveClaimTemplate() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi").build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).extracting(a -> ((Action.ResizeVolume) a).pvcName() + " " + ((Action.ResizeVolume) a).size())
        .containsExactly("data-db-0 20Gi", "data-db-1 20Gi", "data-db-2 20Gi");
    assertThat(plan.statefulSet()).isEqualTo(StoragePlan.StatefulSetWrite.KEEP_CLAIM_SIZE);
    assertThat(plan.adjust(rendered(observed))).hasValueSatisfying(s -> assertThat(claimSize(s)).isEqualTo(new Quantity("10Gi")));
    assertThat(claimSize(rendered(observed))).as("the rendered object is not changed").isEqualTo(new Quantity("20Gi"));
    assertThat(plan.notices()).extracting(Notice::reason).containsExactly("StorageResizing");
  }

  @Test
  void afterACrashAmidThePatchesOnlyThePvcsStillBehindArePatched() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi")
        .volume(0, "standard", "20Gi", "10Gi", "Resizing").build();

    assertThat(StorageGrowthDecision.decide(observed).actions())
        .extracting(a -> ((Action.ResizeVolume) a).pvcName()).containsExactly("data-db-1", "data-db-2");
  }

  @Test
  void onceEveryPvcAsksForTheSizeTheStatefulSetIsDeletedOrphaningItsPods() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi").volumes("20Gi", "10Gi", "Resizing").build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).singleElement().isInstanceOfSatisfying(Action.OrphanStatefulSet.class, orphan -> {
      assertThat(orphan.name()).isEqualTo("db");
      assertThat(orphan.uid()).isEqualTo("sts-uid-1");
    });
    assertThat(plan.statefulSet()).isEqualTo(StoragePlan.StatefulSetWrite.KEEP_CLAIM_SIZE);
  }

  @Test
  void theOldStatefulSetIsNotWrittenWhileItIsBeingDeleted() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi").volumes("20Gi", "20Gi", null)
        .statefulSetTerminating().build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.adjust(rendered(observed))).isEmpty();
  }

  @Test
  void withTheStatefulSetGoneTheRenderedOneWithTheNewClaimSizeIsAppliedWhateverHappenedBefore() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi").volumes("20Gi", "20Gi", null)
        .statefulSetGone().build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.adjust(rendered(observed))).hasValueSatisfying(s -> assertThat(claimSize(s)).isEqualTo(new Quantity("20Gi")));
  }

  @Test
  void aClassWithoutExpansionTouchesNothingAndNamesTheClassAndItsPvcs() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi")
        .storageClass("standard", Optional.of(false)).build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.statefulSet()).isEqualTo(StoragePlan.StatefulSetWrite.KEEP_CLAIM_SIZE);
    assertThat(plan.notices()).singleElement().satisfies(n -> {
      assertThat(n.severity()).isEqualTo(Notice.Severity.DEGRADED);
      assertThat(n.reason()).isEqualTo("StorageClassNotExpandable");
      assertThat(n.message()).contains("data-db-0, data-db-1, data-db-2 have StorageClass \"standard\", which does "
          + "not allow volume expansion; nothing was changed");
    });
  }

  @Test
  void aMissingClassOrAPvcWithoutClassIsNotExpandableEither() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi")
        .volume(1, "gone", "10Gi", "10Gi", null).volume(2, null, "10Gi", "10Gi", null).build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.notices()).singleElement().satisfies(n -> assertThat(n.message())
        .contains("data-db-2 has no StorageClass")
        .contains("data-db-1 has StorageClass \"gone\", which does not exist"));
  }

  @Test
  void aSmallerSizeIsRefusedAndTheStatefulSetKeepsItsClaimSize() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("10Gi").templateSize("20Gi")
        .volumes("20Gi", "20Gi", null).build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.adjust(rendered(observed))).hasValueSatisfying(s -> assertThat(claimSize(s)).isEqualTo(new Quantity("20Gi")));
    assertThat(plan.notices()).singleElement().satisfies(n -> {
      assertThat(n.reason()).isEqualTo("StorageShrinkRefused");
      assertThat(n.message()).startsWith("spec.storage.volumeClaimTemplate.size 10Gi is smaller than the data volumes' 20Gi");
    });
  }

  @Test
  void theSameSizeInOtherUnitsIsNoChange() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("10240Mi").build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.notices()).isEmpty();
    assertThat(plan.statefulSet()).isEqualTo(StoragePlan.StatefulSetWrite.AS_RENDERED);
  }

  @Test
  void theStatefulSetIsNotReplacedWhileAnUpgradeOrAScaleIsUnderWay() {
    LifecycleMemory upgrading = LifecycleMemory.empty().withUpgrade(Optional.of(
        new UpgradeProgress("r2", java.util.OptionalInt.of(2), Optional.of(UpgradeStep.RESTARTING), Scenario.NOW, java.util.List.of())));
    ObservedCluster duringUpgrade = StorageScenario.threeMembers().specSize("20Gi").volumes("20Gi", "10Gi", null)
        .scenario(s -> s.remembering(upgrading)).build();
    ObservedCluster duringScaleUp = StorageScenario.threeMembers().specSize("20Gi").volumes("20Gi", "10Gi", null)
        .scenario(s -> s.spec(spec -> spec.withReplicas(5))).build();

    for (ObservedCluster observed : java.util.List.of(duringUpgrade, duringScaleUp)) {
      StoragePlan plan = StorageGrowthDecision.decide(observed);
      assertThat(plan.actions()).isEmpty();
      assertThat(plan.statefulSet()).isEqualTo(StoragePlan.StatefulSetWrite.KEEP_CLAIM_SIZE);
      assertThat(plan.notices()).singleElement().satisfies(n -> assertThat(n.message()).contains("once"));
    }
  }

  @Test
  void aPausedClusterIsNotTouched() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi")
        .scenario(s -> s.spec(spec -> spec.withPaused(true))).build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.statefulSet()).isEqualTo(StoragePlan.StatefulSetWrite.KEEP_CLAIM_SIZE);
  }

  @Test
  void volumesTheKubeletStillGrowsAreReportedAsProgress() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi").templateSize("20Gi")
        .volumes("20Gi", "10Gi", "FileSystemResizePending").build();

    StoragePlan plan = StorageGrowthDecision.decide(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.notices()).singleElement().satisfies(n -> {
      assertThat(n.severity()).isEqualTo(Notice.Severity.PROGRESSING);
      assertThat(n.message()).contains("data-db-0 (FileSystemResizePending)")
          .contains("the kubelet grows the filesystem while the member runs");
    });
  }
}
