package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.reconcile.backup.BackupObservation;
import cloud.hyperbyte.reconcile.backup.BackupSourceSelector;
import java.util.List;
import java.util.Optional;

/**
 * The backed-up cluster as the backup decision sees it: its member pods, each healthy when it
 * serves ({@link ObservedMembers#serving}: pod Ready, and Active and passing {@code /health} as the
 * cluster reconciler last recorded it), the Raft leader the status names.
 */
final class BackupClusterView {

  private BackupClusterView() {}

  static BackupObservation.ClusterView of(
      HyperbytedbCluster cluster, ObservedMembers members, Optional<String> volumeNotShareable) {
    List<BackupSourceSelector.Member> sources = members.pods().stream()
        .map(pod -> new BackupSourceSelector.Member(pod.name(), pod.ordinal(), members.serving(pod.ordinal()),
            members.leader(pod.ordinal())))
        .toList();
    return new BackupObservation.ClusterView(version(cluster), sources, volumeNotShareable);
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
