package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.pod.PodReadings;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.backup.BackupObservation;
import cloud.hyperbyte.reconcile.backup.BackupSourceSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backed-up cluster as the backup decision sees it: its member pods, each healthy when the pod
 * runs and is Ready and the cluster status (written by the cluster reconciler from the members'
 * own answers) does not report it unhealthy or other than {@code active}; the Raft leader from the
 * same status.
 */
final class BackupClusterView {

  private static final String ACTIVE = "active";
  private static final String LEADER = "Leader";

  private BackupClusterView() {}

  static BackupObservation.ClusterView of(
      HyperbytedbCluster cluster, List<Pod> memberPods, Optional<String> volumeNotShareable) {
    Map<String, MemberStatus> byPod = new HashMap<>();
    if (cluster.getStatus() != null && cluster.getStatus().getMembers() != null) {
      for (MemberStatus member : cluster.getStatus().getMembers()) {
        if (member.getPodName() != null) {
          byPod.put(member.getPodName(), member);
        }
      }
    }
    List<BackupSourceSelector.Member> members = memberPods.stream()
        .map(pod -> member(pod, Optional.ofNullable(byPod.get(pod.getMetadata().getName()))))
        .sorted(Comparator.comparingInt(BackupSourceSelector.Member::ordinal))
        .toList();
    return new BackupObservation.ClusterView(version(cluster), members, volumeNotShareable);
  }

  private static BackupSourceSelector.Member member(Pod pod, Optional<MemberStatus> status) {
    String name = pod.getMetadata().getName();
    boolean healthy = PodReadings.runningAndReady(pod)
        && status.map(s -> !Boolean.FALSE.equals(s.getHealth())
            && (s.getState() == null || ACTIVE.equalsIgnoreCase(s.getState()))).orElse(true);
    boolean leader = status.map(s -> LEADER.equalsIgnoreCase(s.getRaftRole())).orElse(false);
    return new BackupSourceSelector.Member(name, PodReadings.ordinal(pod), healthy, leader);
  }

  private static String version(HyperbytedbCluster cluster) {
    if (cluster.getStatus() != null && cluster.getStatus().getCurrentVersion() != null) {
      return cluster.getStatus().getCurrentVersion();
    }
    if (cluster.getSpec() != null && cluster.getSpec().getVersion() != null) {
      return cluster.getSpec().getVersion();
    }
    return "unknown";
  }
}
