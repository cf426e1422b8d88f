package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a restore decision sees.
 *
 * @param restore the custom resource (metadata, spec, status as last written)
 * @param cluster the target cluster, when it exists
 * @param snapshot the resolved snapshot ({@link SnapshotResolver}; pinned once chosen)
 * @param pvcs names of the cluster's existing data PVCs
 * @param restorePods this restore's pods by name
 */
public record RestoreObservation(
    HyperbytedbRestore restore,
    Optional<ClusterView> cluster,
    SnapshotResolution snapshot,
    Set<String> pvcs,
    Map<String, PodView> restorePods) {

  /**
   * The target cluster.
   *
   * @param spec its validated spec (replicas as the user wants them, image, env, scheduling)
   * @param heldBy value of the restore-hold annotation, if set
   * @param memberPods member pods that exist (running or terminating)
   * @param ready the cluster reports every member ready, Active and a Raft member
   */
  public record ClusterView(ClusterSpec spec, Optional<String> heldBy, int memberPods, boolean ready) {
    public ClusterView {
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(heldBy, "heldBy");
    }
  }

  /** A restore pod's phase and, when it failed, why. */
  public record PodView(Phase phase, String message) {
    /** Pod phases the decision distinguishes. */
    public enum Phase {
      PENDING,
      RUNNING,
      SUCCEEDED,
      FAILED
    }

    public PodView {
      Objects.requireNonNull(phase, "phase");
      message = message == null ? "" : message;
    }
  }

  public RestoreObservation {
    Objects.requireNonNull(restore, "restore");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(snapshot, "snapshot");
    pvcs = Set.copyOf(pvcs);
    restorePods = Map.copyOf(restorePods);
  }
}
