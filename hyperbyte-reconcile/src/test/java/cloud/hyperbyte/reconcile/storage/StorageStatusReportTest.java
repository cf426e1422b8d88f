package cloud.hyperbyte.reconcile.storage;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.VolumeStatus;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Status and events tell how far a resize got, and say nothing on clusters that never resized. */
class StorageStatusReportTest {

  private static HyperbytedbClusterStatus report(ObservedCluster observed) {
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setPhase("Running");
    StorageStatusReport.put(status, observed, StorageGrowthDecision.decide(observed), Scenario.NOW);
    return status;
  }

  private static Optional<Condition> condition(HyperbytedbClusterStatus status, String type) {
    return status.getConditions() == null ? Optional.empty()
        : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  @Test
  void aClusterThatNeverResizedGetsNoStorageStatus() {
    HyperbytedbClusterStatus status = report(StorageScenario.threeMembers().build());

    assertThat(status.getStorage()).isNull();
    assertThat(status.getConditions()).isNull();
  }

  @Test
  void volumesWaitingForTheKubeletAreReportedAndAnnouncedOnce() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi").templateSize("20Gi")
        .volumes("20Gi", "10Gi", "FileSystemResizePending").volume(2, "standard", "20Gi", "20Gi", null).build();

    HyperbytedbClusterStatus status = report(observed);

    assertThat(status.getStorage().getRequested()).isEqualTo("20Gi");
    assertThat(status.getStorage().getCapacity()).isEqualTo("10Gi");
    assertThat(status.getStorage().getVolumes()).extracting(VolumeStatus::getState)
        .containsExactly("FileSystemResizePending", "FileSystemResizePending", "Resized");
    assertThat(condition(status, "StorageResized")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("FileSystemResizePending");
    });
    assertThat(StorageStatusReport.events(new HyperbytedbClusterStatus(), status)).extracting(ClusterEvent::reason)
        .containsExactly("FileSystemResizePending", "FileSystemResizePending");
    assertThat(StorageStatusReport.events(status, status)).isEmpty();
  }

  @Test
  void whenEveryVolumeHasTheSizeTheResizeIsDoneAndEachVolumeAnnouncedOnce() {
    ObservedCluster growing = StorageScenario.threeMembers().specSize("20Gi").templateSize("20Gi")
        .volumes("20Gi", "10Gi", "FileSystemResizePending").build();
    HyperbytedbClusterStatus before = report(growing);
    ObservedCluster done = ImmutableObservedCluster.copyOf(StorageScenario.threeMembers().specSize("20Gi")
        .templateSize("20Gi").volumes("20Gi", "20Gi", null).build()).withLastStatus(before);

    HyperbytedbClusterStatus after = report(done);

    assertThat(condition(after, "StorageResized")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getMessage()).isEqualTo("Every data volume has 20Gi");
    });
    assertThat(StorageStatusReport.events(before, after)).extracting(ClusterEvent::reason)
        .containsExactly("VolumeResized", "VolumeResized", "VolumeResized");
  }

  @Test
  void aRefusalTurnsStorageResizableFalseWithAWarningOnce() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi")
        .storageClass("standard", Optional.of(false)).build();

    HyperbytedbClusterStatus status = report(observed);

    assertThat(condition(status, "StorageResizable")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("StorageClassNotExpandable");
    });
    List<ClusterEvent> events = StorageStatusReport.events(new HyperbytedbClusterStatus(), status);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(ClusterEvent.Type.WARNING);
      assertThat(e.reason()).isEqualTo("StorageClassNotExpandable");
    });
    assertThat(StorageStatusReport.events(status, status)).isEmpty();
  }

  @Test
  void whileTheStatefulSetIsRecreatedAroundRunningMembersThePhaseStaysAsItWas() {
    ObservedCluster observed = StorageScenario.threeMembers().specSize("20Gi").volumes("20Gi", "20Gi", null)
        .statefulSetGone().build();
    HyperbytedbClusterStatus last = new HyperbytedbClusterStatus();
    last.setPhase("Running");
    last.setStorage(new cloud.hyperbyte.model.v1alpha1.StorageStatus()); // earlier passes of the resize wrote it
    observed = ImmutableObservedCluster.copyOf(observed).withLastStatus(last);
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setPhase("Pending");

    StorageStatusReport.put(status, observed, StorageGrowthDecision.decide(observed), Scenario.NOW);

    assertThat(status.getPhase()).isEqualTo("Running");
  }
}
