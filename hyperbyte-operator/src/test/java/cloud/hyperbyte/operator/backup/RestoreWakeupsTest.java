package cloud.hyperbyte.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreStatus;
import cloud.hyperbyte.operator.kube.OwnerKeys;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Given the cached restores, which restore keys an event of a cluster, its StatefulSet or its pods
 * wakes besides the cluster's own key.
 */
class RestoreWakeupsTest {

  private final List<HyperbytedbRestore> restores = new ArrayList<>();
  private final RestoreWakeups wakeups = new RestoreWakeups(() -> restores);

  private void restore(String namespace, String name, String cluster, String phase) {
    HyperbytedbRestore restore = new HyperbytedbRestore();
    restore.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    HyperbytedbRestoreSpec spec = new HyperbytedbRestoreSpec();
    spec.setClusterName(cluster);
    spec.setBackupName("nightly");
    restore.setSpec(spec);
    if (phase != null) {
      restore.setStatus(new HyperbytedbRestoreStatus());
      restore.getStatus().setPhase(phase);
    }
    restores.add(restore);
  }

  @Test
  void aClusterEventWakesTheRestoresInProgressOnThatClusterOnly() {
    restore("prod", "new", "db", null);
    restore("prod", "holding", "db", "ScalingDown");
    restore("prod", "released", "db", "ScalingUp");
    restore("prod", "done", "db", "Completed");
    restore("prod", "gave-up", "db", "Failed");
    restore("prod", "elsewhere", "other", "Restoring");
    restore("staging", "same-name", "db", "Restoring");

    assertThat(wakeups.waitingOn(ResourceKey.cluster("prod", "db"))).containsExactlyInAnyOrder(
        ResourceKey.restore("prod", "new"), ResourceKey.restore("prod", "holding"),
        ResourceKey.restore("prod", "released"));
  }

  @Test
  void memberPodAndStatefulSetEventsReachTheRestoreThroughTheirClusterKey() {
    restore("prod", "r1", "db", "ScalingDown");
    Pod member = new PodBuilder().withNewMetadata().withNamespace("prod").withName("db-0")
        .withLabels(ClusterLabels.selector("db")).endMetadata().build();
    StatefulSet statefulSet = new StatefulSetBuilder().withNewMetadata().withNamespace("prod").withName("db")
        .addNewOwnerReference().withApiVersion("hyperbytedb.hyperbyte.cloud/v1alpha1").withKind("HyperbytedbCluster")
        .withName("db").withUid("c1").endOwnerReference().endMetadata().build();
    List<ResourceKey> enqueued = new ArrayList<>();

    OwnerKeys.of(member).ifPresent(wakeups.andWaiting(enqueued::add));
    OwnerKeys.of(statefulSet).ifPresent(wakeups.andWaiting(enqueued::add));

    assertThat(enqueued).containsExactly(
        ResourceKey.cluster("prod", "db"), ResourceKey.restore("prod", "r1"),
        ResourceKey.cluster("prod", "db"), ResourceKey.restore("prod", "r1"));
  }

  @Test
  void aClusterStatusChangeWakesOnlyTheWaitingRestoresNotTheClusterItself() {
    restore("prod", "r1", "db", "ScalingUp");
    List<ResourceKey> enqueued = new ArrayList<>();

    wakeups.waitingOnly(enqueued::add).accept(ResourceKey.cluster("prod", "db"));

    assertThat(enqueued).containsExactly(ResourceKey.restore("prod", "r1"));
  }

  @Test
  void keysOfOtherKindsWakeNoRestore() {
    restore("prod", "db", "db", "Restoring");

    assertThat(wakeups.waitingOn(ResourceKey.restore("prod", "db"))).isEmpty();
    assertThat(wakeups.waitingOn(ResourceKey.backup("prod", "db"))).isEmpty();
  }
}
