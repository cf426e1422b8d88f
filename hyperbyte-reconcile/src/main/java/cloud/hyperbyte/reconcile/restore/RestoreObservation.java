package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import java.time.Instant;
import java.util.List;
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
 * @param pvcs names of the cluster's existing data PVCs, every ordinal
 * @param restorePods this restore's pods by name, terminating ones included
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
   * @param spec its validated spec (replicas as the user wants them, image, env, scheduling); empty
   *     when the spec is invalid
   * @param specProblems why the spec is invalid ({@code path: message}); empty when it is valid
   * @param heldBy value of the restore-hold annotation, if set
   * @param memberPods member pods that exist (running or terminating)
   * @param ready the cluster reports every member ready, Active and a Raft member
   * @param paused the user paused the cluster ({@code spec.paused}): nothing of it may be written
   */
  public record ClusterView(
      Optional<ClusterSpec> spec, List<String> specProblems, Optional<String> heldBy, int memberPods, boolean ready,
      boolean paused) {
    public ClusterView {
      Objects.requireNonNull(spec, "spec");
      specProblems = List.copyOf(specProblems);
      Objects.requireNonNull(heldBy, "heldBy");
      if (spec.isEmpty() == specProblems.isEmpty()) {
        throw new IllegalArgumentException("a cluster view has either a valid spec or the problems of an invalid one");
      }
    }

    /** A cluster with a valid spec, paused when the spec says so. */
    public ClusterView(ClusterSpec spec, Optional<String> heldBy, int memberPods, boolean ready) {
      this(Optional.of(spec), List.of(), heldBy, memberPods, ready, spec.paused());
    }

    /**
     * A cluster whose spec does not validate: nothing can be rendered for it, and it is never ready;
     * {@code paused} is the raw {@code spec.paused}, which a pause still means.
     */
    public static ClusterView invalid(List<String> problems, Optional<String> heldBy, int memberPods, boolean paused) {
      return new ClusterView(Optional.empty(), problems, heldBy, memberPods, false, paused);
    }

    /** An invalid spec that is not paused. */
    public static ClusterView invalid(List<String> problems, Optional<String> heldBy, int memberPods) {
      return invalid(problems, heldBy, memberPods, false);
    }
  }

  /**
   * A restore pod.
   *
   * @param phase its phase
   * @param message why it failed, when it did
   * @param transientFailure it failed because its fetch step exited with {@link
   *     RestoreFetchArgs#EXIT_TRANSIENT}, or it was evicted: another attempt may succeed
   * @param createdAt when it was created, if known
   * @param finishedAt when its last container ended, if known
   * @param terminating it is being deleted (a running pod may still write to its volume)
   */
  public record PodView(
      Phase phase,
      String message,
      boolean transientFailure,
      Optional<Instant> createdAt,
      Optional<Instant> finishedAt,
      boolean terminating) {
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
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** A pod in {@code phase}, not terminating, times unknown. */
    public PodView(Phase phase, String message) {
      this(phase, message, false, Optional.empty(), Optional.empty(), false);
    }

    /** Pending or running: its containers may still write to the volume. */
    public boolean unfinished() {
      return phase == Phase.PENDING || phase == Phase.RUNNING;
    }
  }

  public RestoreObservation {
    Objects.requireNonNull(restore, "restore");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(snapshot, "snapshot");
    pvcs = Set.copyOf(pvcs);
    restorePods = Map.copyOf(restorePods);
  }

  /** Whether a restore pod may still be writing to a member volume. */
  public boolean restorePodsUnfinished() {
    return restorePods.values().stream().anyMatch(PodView::unfinished);
  }
}
