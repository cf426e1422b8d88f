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
 * @param runInFlight whether the pod of the current attempt exists and has not finished
 * @param report the report of the current attempt's pod, once it finished (its termination message,
 *     or what its status says when it failed without one)
 */
public record BackupObservation(
    HyperbytedbBackup backup, Optional<ClusterView> cluster, boolean runInFlight, Optional<RunReport> report) {

  /**
   * The backed-up cluster.
   *
   * @param serverVersion version its members run
   * @param members its members with health and Raft role
   * @param volumeNotShareable why a backup pod cannot mount a member's volume next to the member
   *     (a ReadWriteOncePod claim), if it cannot
   */
  public record ClusterView(
      String serverVersion, List<BackupSourceSelector.Member> members, Optional<String> volumeNotShareable) {
    public ClusterView {
      Objects.requireNonNull(serverVersion, "serverVersion");
      members = List.copyOf(members);
      Objects.requireNonNull(volumeNotShareable, "volumeNotShareable");
    }

    /** Members whose volumes a backup pod can mount. */
    public ClusterView(String serverVersion, List<BackupSourceSelector.Member> members) {
      this(serverVersion, members, Optional.empty());
    }
  }

  public BackupObservation {
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(report, "report");
  }
}
