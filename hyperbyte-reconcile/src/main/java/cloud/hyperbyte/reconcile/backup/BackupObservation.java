package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backup decision sees.
 *
 * @param backup the custom resource (metadata, spec, status as last written)
 * @param cluster the cluster it names, when it exists
 * @param runInFlight whether the operator's worker is running an attempt for this backup now
 * @param report the report of the attempt that finished last, if the worker holds one
 */
public record BackupObservation(
    HyperbytedbBackup backup, Optional<ClusterView> cluster, boolean runInFlight, Optional<RunReport> report) {

  /**
   * The backed-up cluster.
   *
   * @param serverVersion version its members run
   * @param members its members with health and Raft role
   */
  public record ClusterView(String serverVersion, List<BackupSourceSelector.Member> members) {
    public ClusterView {
      Objects.requireNonNull(serverVersion, "serverVersion");
      members = List.copyOf(members);
    }
  }

  public BackupObservation {
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(report, "report");
  }
}
