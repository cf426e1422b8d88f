package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.snapshot.LiveObjects;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.MemberHealth;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.reconcile.snapshot.ObservedPvc;
import cloud.hyperbyte.reconcile.snapshot.RecordedMemberFacts;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One cluster's members as the backup and restore reconcilers observe them. Its pods and claims are
 * read from the API (these reconcilers must see the pods they created last, which the informer cache
 * may not hold yet) into the {@link LiveObjects} the cluster reconciler builds its snapshot from, so
 * both pick member pods and data claims the same way; each member's database facts are those the
 * cluster reconciler last recorded in status ({@link RecordedMemberFacts}), and a member is healthy
 * by the one test {@link MemberHealth#serving}.
 */
final class ObservedMembers {

  private static final String LEADER = "Leader";

  private final String statefulSet;
  private final LiveObjects live;
  private final List<ObservedPod> pods;
  private final Map<Integer, MemberFacts> facts;
  /** Ordinals the status names Raft leader (not the leader {@link RecordedMemberFacts} assumes when it names none). */
  private final Set<Integer> recordedLeaders;

  private ObservedMembers(String statefulSet, LiveObjects live, HyperbytedbClusterStatus status) {
    this.statefulSet = statefulSet;
    this.live = live;
    this.pods = live.memberPods(statefulSet);
    this.facts = RecordedMemberFacts.from(status, pods).facts();
    this.recordedLeaders = Optional.ofNullable(status.getMembers()).orElse(List.of()).stream()
        .filter(m -> m.getNodeId() != null && LEADER.equalsIgnoreCase(m.getRaftRole()))
        .map(m -> (int) (m.getNodeId() - 1))
        .collect(Collectors.toSet());
  }

  /** Reads the member pods and claims of {@code cluster} (two lists from the API). */
  static ObservedMembers read(KubernetesClient client, HyperbytedbCluster cluster) {
    String namespace = cluster.getMetadata().getNamespace();
    String name = cluster.getMetadata().getName();
    List<Pod> pods = client.pods().inNamespace(namespace).withLabels(ClusterLabels.selector(name)).list().getItems();
    List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inNamespace(namespace)
        .withLabel(ClusterLabels.INSTANCE, name).list().getItems();
    return of(cluster, pods, claims);
  }

  /** The members of {@code cluster} among these pods and claims. */
  static ObservedMembers of(HyperbytedbCluster cluster, List<Pod> pods, List<PersistentVolumeClaim> claims) {
    HyperbytedbClusterStatus status = Optional.ofNullable(cluster.getStatus()).orElseGet(HyperbytedbClusterStatus::new);
    return new ObservedMembers(ClusterNames.of(cluster.getMetadata().getName()).statefulSet(),
        new LiveObjects(pods, claims, Optional.empty(), Optional.empty()), status);
  }

  /** The member pods as read (a backup pod is scheduled next to one), by ordinal. */
  List<Pod> memberPods() {
    Map<String, Pod> byName = live.owned().stream()
        .collect(Collectors.toMap(p -> p.getMetadata().getName(), Function.identity(), (a, b) -> a));
    return pods.stream().map(p -> byName.get(p.name())).toList();
  }

  /** The member pods, running or terminating. */
  List<ObservedPod> pods() {
    return pods;
  }

  /** The members' data claims, every ordinal. */
  List<PersistentVolumeClaim> dataClaims() {
    return live.claims().stream()
        .filter(pvc -> ObservedPvc.from(pvc, ClusterNames.DATA_VOLUME, statefulSet).isPresent())
        .toList();
  }

  /** Whether member {@code ordinal} serves ({@link MemberHealth#serving}). */
  boolean serving(int ordinal) {
    return MemberHealth.serving(pod(ordinal), Optional.ofNullable(facts.get(ordinal)));
  }

  /** Whether the status records member {@code ordinal} as the Raft leader. */
  boolean leader(int ordinal) {
    return recordedLeaders.contains(ordinal);
  }

  /** Whether members {@code 0..replicas-1} all serve. */
  boolean allServing(int replicas) {
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      if (!serving(ordinal)) {
        return false;
      }
    }
    return true;
  }

  private Optional<ObservedPod> pod(int ordinal) {
    return pods.stream().filter(p -> p.ordinal() == ordinal).findFirst();
  }
}
