package cloud.hyperbyte.operator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backup and restore reconcilers see a cluster's members as the cluster reconciler's snapshot
 * does: member pods and data claims picked by LiveObjects, health by the one test of a serving member
 * on the facts the status records.
 */
class ObservedMembersTest {

  private static final String NS = "prod";

  @Test
  void membersAreTheStatefulSetsPodsAndDataClaimsByOrdinalNothingElse() {
    HyperbytedbCluster cluster = cluster(List.of());
    Pod backupPod = new PodBuilder().withMetadata(new ObjectMetaBuilder().withName("backup-1-123-1")
        .withNamespace(NS).addToLabels(ClusterLabels.selector("db")).build()).build();
    ObservedMembers members = ObservedMembers.of(cluster, List.of(pod(1, true), backupPod, pod(0, true)),
        List.of(claim("data-db-1"), claim("data-db-0"), claim("scratch-db-0")));

    assertThat(members.pods()).extracting(ObservedPod::name).containsExactly("db-0", "db-1");
    assertThat(members.memberPods()).extracting(p -> p.getMetadata().getName()).containsExactly("db-0", "db-1");
    assertThat(members.dataClaims()).extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("data-db-0", "data-db-1");
  }

  @Test
  void aMemberServesWhenItsPodIsReadyAndTheStatusRecordsItActiveAndHealthy() {
    HyperbytedbCluster cluster = cluster(List.of(member(1, "Active", true, "Leader"), member(2, "Active", false,
        "Follower"), member(3, "Syncing", true, "Follower")));
    ObservedMembers members = ObservedMembers.of(cluster, List.of(pod(0, true), pod(1, true), pod(2, true),
        pod(3, false)), List.of());

    assertThat(members.serving(0)).as("Active and healthy").isTrue();
    assertThat(members.serving(1)).as("recorded unhealthy").isFalse();
    assertThat(members.serving(2)).as("recorded Syncing").isFalse();
    assertThat(members.serving(3)).as("pod not Ready, nothing recorded").isFalse();
    assertThat(members.allServing(1)).isTrue();
    assertThat(members.allServing(2)).isFalse();
  }

  @Test
  void theLeaderIsTheOneTheStatusRecordsNoneIsAssumed() {
    ObservedMembers recorded = ObservedMembers.of(cluster(List.of(member(1, "Active", true, "Follower"),
        member(2, "Active", true, "Leader"))), List.of(pod(0, true), pod(1, true)), List.of());
    ObservedMembers unrecorded = ObservedMembers.of(cluster(List.of()), List.of(pod(0, true), pod(1, true)),
        List.of());

    assertThat(recorded.leader(0)).isFalse();
    assertThat(recorded.leader(1)).isTrue();
    assertThat(unrecorded.leader(0)).isFalse();
    assertThat(unrecorded.serving(0)).as("a Ready pod the status does not know yet is assumed serving").isTrue();
  }

  private static HyperbytedbCluster cluster(List<MemberStatus> members) {
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(NS).build());
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setMembers(new ArrayList<>(members));
    cluster.setStatus(status);
    return cluster;
  }

  private static MemberStatus member(int nodeId, String state, boolean health, String role) {
    MemberStatus member = new MemberStatus();
    member.setNodeId(nodeId);
    member.setPodName("db-" + (nodeId - 1));
    member.setState(state);
    member.setHealth(health);
    member.setRaftRole(role);
    member.setVoter(true);
    return member;
  }

  private static Pod pod(int ordinal, boolean ready) {
    return new PodBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("db-" + ordinal).withNamespace(NS).withUid("uid-" + ordinal)
            .addToLabels(ClusterLabels.selector("db")).build())
        .withNewStatus().withPhase("Running")
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus().build();
  }

  private static PersistentVolumeClaim claim(String name) {
    return new PersistentVolumeClaimBuilder().withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS)
        .addToLabels(ClusterLabels.INSTANCE, "db").build()).build();
  }
}
