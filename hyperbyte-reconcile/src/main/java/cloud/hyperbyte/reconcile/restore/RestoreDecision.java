package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreStatus;
import cloud.hyperbyte.reconcile.backup.ResourceEvent;
import cloud.hyperbyte.reconcile.backup.StatusConditions;
import cloud.hyperbyte.render.topology.ClusterNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The restore workflow as a pure function of what was observed and the injected clock:
 * {@code Pending → ScalingDown → Restoring → ScalingUp → Completed}, or {@code Failed}.
 *
 * <ul>
 *   <li><b>Pending</b>: fail fast (reserved {@code restoreTimestamp}, cluster missing, backup
 *       missing or without a successful run, snapshot ambiguous or incomplete, cluster held by
 *       another restore); otherwise the first pass pins the snapshot and the start time in status
 *       and asks for the next pass at once; that pass checks the cluster again, records the
 *       replica count and holds the cluster (annotation), which the cluster reconciler honours by
 *       scaling to zero. So a restore shows Pending, with what it will restore, before it touches
 *       the cluster.
 *   <li><b>ScalingDown</b>: wait until no member pod exists.
 *   <li><b>Restoring</b>: one restore pod per member volume {@code data-<cluster>-<i>}, {@code i <
 *       originalReplicas}, all at once; each finished volume is recorded in status before its pod
 *       is deleted, so an operator restart neither loses nor repeats progress.
 *   <li><b>ScalingUp</b>: only when every volume holds the snapshot is the hold released; the
 *       cluster lifecycle then starts the members, node 1 bootstraps a fresh Raft group and the
 *       others are added. Completed when the cluster reports ready.
 *   <li><b>Failed</b>: the cluster stays held (never a half-restored cluster running); the {@code
 *       ClusterHeld} condition says which volumes were restored and how to release the hold.
 * </ul>
 *
 * <p>While the restore owns the hold (ScalingDown, Restoring) it re-asserts it if it disappears.
 *
 * <p>Waits for member pods, restore pods and the cluster's readiness ask for no requeue: the
 * operator routes those objects' watch events to the restore. Only an unavailable object store
 * (nothing to watch) and the scale-up deadline set {@link RestorePlan#requeueAt()}.
 */
public final class RestoreDecision {

  public static final String PENDING = "Pending";
  public static final String SCALING_DOWN = "ScalingDown";
  public static final String RESTORING = "Restoring";
  public static final String SCALING_UP = "ScalingUp";
  public static final String COMPLETED = "Completed";
  public static final String FAILED = "Failed";

  public static final String READY = "Ready";
  public static final String COMPLETE = "Complete";
  public static final String PROGRESSING = "Progressing";
  public static final String CLUSTER_HELD = "ClusterHeld";

  private final Clock clock;
  private final String operatorImage;
  private final Duration scaleUpTimeout;
  private final Duration retryInterval;

  /**
   * @param clock time of status fields
   * @param operatorImage image of the fetch init container (the operator's own)
   * @param scaleUpTimeout how long ScalingUp may take before the restore is Failed (data restored)
   * @param retryInterval look again after the object store was unavailable (nothing to watch there)
   */
  public RestoreDecision(Clock clock, String operatorImage, Duration scaleUpTimeout, Duration retryInterval) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.operatorImage = Objects.requireNonNull(operatorImage, "operatorImage");
    this.scaleUpTimeout = Objects.requireNonNull(scaleUpTimeout, "scaleUpTimeout");
    this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
  }

  /** Decides the next step for one restore. */
  public RestorePlan decide(RestoreObservation observed) {
    return new Pass(observed, clock.instant()).decide();
  }

  /** The command that releases a held cluster by hand. */
  public static String releaseCommand(String cluster) {
    return "kubectl annotate hyperbytedbcluster " + cluster + " " + OperatorPaths.RESTORE_HOLD_ANNOTATION + "-";
  }

  private final class Pass {
    private final RestoreObservation observed;
    private final HyperbytedbRestore restore;
    private final String name;
    private final String clusterName;
    private final Instant now;
    private final HyperbytedbRestoreStatus status;
    private final StatusConditions conditions;
    private final List<RestoreAction> actions = new ArrayList<>();
    private final List<ResourceEvent> events = new ArrayList<>();
    private Optional<Instant> requeueAt = Optional.empty();

    Pass(RestoreObservation observed, Instant now) {
      this.observed = observed;
      this.restore = observed.restore();
      this.name = restore.getMetadata().getName();
      this.clusterName = restore.getSpec().getClusterName();
      this.now = now;
      this.status = copy(restore.getStatus());
      Long generation = restore.getMetadata().getGeneration();
      this.conditions = StatusConditions.of(status.getConditions(), generation == null ? 0 : generation);
      status.setObservedGeneration(generation);
    }

    RestorePlan decide() {
      String phase = status.getPhase() == null ? PENDING : status.getPhase();
      switch (phase) {
        case PENDING -> pending();
        case SCALING_DOWN -> scalingDown();
        case RESTORING -> restoring();
        case SCALING_UP -> scalingUp();
        default -> { } // Completed and Failed are final
      }
      if (status.getPhase() == null) {
        status.setPhase(PENDING);
      }
      status.setConditions(conditions.toList());
      return new RestorePlan(status, actions, events, requeueAt);
    }

    private void pending() {
      if (restore.getSpec().getRestoreTimestamp() != null && !restore.getSpec().getRestoreTimestamp().isBlank()) {
        fail("RestoreTimestampNotSupported",
            "restoreTimestamp is reserved: HyperbyteDB has no point-in-time recovery; remove it to restore the"
                + " chosen snapshot");
        return;
      }
      if (observed.cluster().isEmpty()) {
        fail("ClusterNotFound", "HyperbytedbCluster " + clusterName + " not found in namespace "
            + restore.getMetadata().getNamespace());
        return;
      }
      if (observed.snapshot() instanceof SnapshotResolution.Unresolved unresolved) {
        if (unresolved.transientFailure()) {
          conditions.set(READY, false, unresolved.reason(), unresolved.message() + "; retrying", now);
          requeueAt = Optional.of(now.plus(retryInterval));
          status.setPhase(PENDING);
          return;
        }
        fail(unresolved.reason(), unresolved.message());
        return;
      }
      RestoreObservation.ClusterView cluster = observed.cluster().get();
      Optional<String> heldBy = cluster.heldBy().filter(h -> !h.equals(name));
      if (heldBy.isPresent()) {
        fail("ClusterHeld", "cluster " + clusterName + " is held by restore " + heldBy.get()
            + "; wait for it to finish, or delete it and release the cluster");
        return;
      }
      SnapshotResolution.Resolved snapshot = (SnapshotResolution.Resolved) observed.snapshot();
      if (status.getSnapshotPath() == null) {
        // first pass: show what will be restored before touching the cluster; the next pass holds it
        status.setPhase(PENDING);
        status.setStartTime(now.toString());
        status.setSnapshotPath(snapshot.location().uri());
        status.setRestoredVolumes(List.of());
        status.setRestoredPVCs(0);
        String message = "snapshot " + snapshot.location().uri() + " chosen; holding cluster " + clusterName
            + " next";
        conditions.set(PROGRESSING, true, PENDING, message, now);
        conditions.set(READY, false, PENDING, message, now);
        requeueAt = Optional.of(now); // the restore's own status write wakes nothing
        return;
      }
      status.setOriginalReplicas(cluster.spec().replicas());
      actions.add(new RestoreAction.HoldCluster(clusterName, name));
      enter(SCALING_DOWN, "holding cluster " + clusterName + " at 0 replicas to restore " + snapshot.location().uri());
      events.add(ResourceEvent.normal("ScalingDown",
          "holding cluster " + clusterName + " at 0 replicas (was " + cluster.spec().replicas() + ")"));
      scalingDown();
    }

    private void scalingDown() {
      Optional<RestoreObservation.ClusterView> cluster = clusterOrFail();
      if (cluster.isEmpty()) {
        return;
      }
      if (!keepHold(cluster.get())) {
        return;
      }
      if (cluster.get().memberPods() > 0) {
        conditions.set(PROGRESSING, true, SCALING_DOWN,
            "waiting for " + cluster.get().memberPods() + " member pod(s) of " + clusterName + " to stop", now);
        return;
      }
      enter(RESTORING, "restoring " + originalReplicas() + " member volume(s) from " + status.getSnapshotPath());
      events.add(ResourceEvent.normal("RestoreStarted",
          "restoring " + originalReplicas() + " member volume(s) from " + status.getSnapshotPath()));
      restoring();
    }

    private void restoring() {
      Optional<RestoreObservation.ClusterView> cluster = clusterOrFail();
      if (cluster.isEmpty()) {
        return;
      }
      if (!keepHold(cluster.get())) {
        return;
      }
      if (cluster.get().memberPods() > 0) {
        conditions.set(PROGRESSING, true, RESTORING,
            "waiting for " + cluster.get().memberPods() + " member pod(s) to stop before touching volumes", now);
        return;
      }
      ClusterNames names = ClusterNames.of(clusterName);
      Set<String> restored = new LinkedHashSet<>(restoredVolumes());
      List<String> waiting = new ArrayList<>();
      for (int ordinal = 0; ordinal < originalReplicas(); ordinal++) {
        String pvc = names.dataPvc(ordinal);
        if (restored.contains(pvc)) {
          continue;
        }
        String podName = RestorePodRenderer.podName(name, ordinal);
        RestoreObservation.PodView pod = observed.restorePods().get(podName);
        if (pod == null) {
          if (!observed.pvcs().contains(pvc)) {
            recordRestored(restored);
            fail("VolumeNotFound", "PVC " + pvc + " does not exist; a snapshot is restored onto existing member"
                + " volumes only");
            return;
          }
          if (!(observed.snapshot() instanceof SnapshotResolution.Resolved source)) {
            recordRestored(restored);
            SnapshotResolution.Unresolved unresolved = (SnapshotResolution.Unresolved) observed.snapshot();
            fail(unresolved.reason(), unresolved.message());
            return;
          }
          actions.add(new RestoreAction.CreatePod(RestorePodRenderer.render(
              new RestorePodRenderer.Request(cluster.get().spec(), name,
                  Optional.ofNullable(restore.getMetadata().getUid()), ordinal, operatorImage, source))));
          waiting.add(pvc);
        } else if (pod.phase() == RestoreObservation.PodView.Phase.SUCCEEDED) {
          restored.add(pvc);
          actions.add(new RestoreAction.DeletePod(podName));
          events.add(ResourceEvent.normal("VolumeRestored", "restored " + pvc + " from " + status.getSnapshotPath()));
        } else if (pod.phase() == RestoreObservation.PodView.Phase.FAILED) {
          recordRestored(restored);
          fail("RestorePodFailed", "restore pod " + podName + " for " + pvc + " failed"
              + (pod.message().isEmpty() ? "" : ": " + pod.message()) + " (its logs stay until the restore is"
              + " deleted)");
          return;
        } else {
          waiting.add(pvc);
        }
      }
      recordRestored(restored);
      if (!waiting.isEmpty()) {
        conditions.set(PROGRESSING, true, RESTORING, "restored " + restored.size() + " of " + originalReplicas()
            + " volume(s); waiting for " + String.join(", ", waiting), now);
        return;
      }
      actions.add(new RestoreAction.ReleaseCluster(clusterName, name));
      conditions.set(CLUSTER_HELD, false, "Released", "every volume restored; hold released", now);
      enter(SCALING_UP, "every volume restored; cluster " + clusterName + " scales back to " + originalReplicas()
          + " and re-forms membership");
      events.add(ResourceEvent.normal("ScalingUp", "released cluster " + clusterName + "; scaling back to "
          + originalReplicas()));
      scalingUp();
    }

    private void scalingUp() {
      Optional<RestoreObservation.ClusterView> cluster = observed.cluster();
      if (cluster.isEmpty()) {
        fail("ClusterNotFound", "HyperbytedbCluster " + clusterName + " disappeared while scaling back up");
        return;
      }
      boolean releasing = actions.stream().anyMatch(a -> a instanceof RestoreAction.ReleaseCluster);
      if (!releasing && cluster.get().heldBy().filter(name::equals).isPresent()) {
        actions.add(new RestoreAction.ReleaseCluster(clusterName, name)); // a release lost in a restart
      }
      if (cluster.get().ready() && cluster.get().heldBy().isEmpty()) {
        status.setPhase(COMPLETED);
        status.setCompletionTime(now.toString());
        String message = "restored " + status.getSnapshotPath() + " onto " + originalReplicas()
            + " volume(s); cluster " + clusterName + " is ready";
        conditions.set(PROGRESSING, false, COMPLETED, message, now);
        conditions.set(COMPLETE, true, "RestoreSucceeded", message, now);
        conditions.set(READY, true, "RestoreSucceeded", message, now);
        events.add(ResourceEvent.normal("RestoreCompleted", message));
        return;
      }
      Instant since = conditions.get(PROGRESSING).filter(c -> SCALING_UP.equals(c.getReason()))
          .map(c -> Instant.parse(c.getLastTransitionTime())).orElse(now);
      Instant deadline = since.plus(scaleUpTimeout);
      if (!now.isBefore(deadline)) {
        status.setPhase(FAILED);
        status.setCompletionTime(now.toString());
        String message = "every volume was restored from " + status.getSnapshotPath() + ", but cluster "
            + clusterName + " did not become ready within " + scaleUpTimeout.toMinutes()
            + " min; check the cluster's status and events";
        conditions.set(PROGRESSING, false, "ScaleUpTimeout", message, now);
        conditions.set(COMPLETE, false, "ScaleUpTimeout", message, now);
        conditions.set(READY, false, "ScaleUpTimeout", message, now);
        events.add(ResourceEvent.warning("RestoreFailed", message));
        return;
      }
      requeueAt = Optional.of(deadline); // readiness is watched; only the timeout needs a timer
    }

    // ---- helpers ----

    private Optional<RestoreObservation.ClusterView> clusterOrFail() {
      if (observed.cluster().isEmpty()) {
        fail("ClusterNotFound", "HyperbytedbCluster " + clusterName + " disappeared during the restore");
      }
      return observed.cluster();
    }

    /** Re-asserts this restore's hold; fails when another restore took the cluster. */
    private boolean keepHold(RestoreObservation.ClusterView cluster) {
      Optional<String> heldBy = cluster.heldBy();
      if (heldBy.isPresent() && !heldBy.get().equals(name)) {
        fail("ClusterHeld", "cluster " + clusterName + " is now held by restore " + heldBy.get());
        return false;
      }
      if (heldBy.isEmpty() && actions.stream().noneMatch(a -> a instanceof RestoreAction.HoldCluster)) {
        actions.add(new RestoreAction.HoldCluster(clusterName, name));
      }
      conditions.set(CLUSTER_HELD, true, "HeldByRestore",
          "cluster " + clusterName + " is held at 0 replicas by this restore", now);
      return true;
    }

    private void enter(String phase, String message) {
      status.setPhase(phase);
      // a new phase restarts the clock of Progressing: ScalingUp measures its timeout from it
      conditions.setAt(PROGRESSING, true, phase, message, now);
      conditions.set(READY, false, phase, message, now);
    }

    private void fail(String reason, String message) {
      boolean held = observed.cluster().flatMap(RestoreObservation.ClusterView::heldBy).filter(name::equals)
          .isPresent() || actions.stream().anyMatch(a -> a instanceof RestoreAction.HoldCluster);
      status.setPhase(FAILED);
      status.setCompletionTime(now.toString());
      conditions.set(PROGRESSING, false, reason, message, now);
      conditions.set(COMPLETE, false, reason, message, now);
      conditions.set(READY, false, reason, message, now);
      if (held) {
        List<String> restored = restoredVolumes();
        conditions.set(CLUSTER_HELD, true, "RestoreFailed",
            "cluster " + clusterName + " stays held at 0 replicas so it never runs half restored; volumes"
                + " restored: " + (restored.isEmpty() ? "none" : String.join(", ", restored))
                + ". Fix the cause and create a new HyperbytedbRestore, or release the cluster on its volumes as"
                + " they are with: " + releaseCommand(clusterName),
            now);
      }
      events.add(ResourceEvent.warning("RestoreFailed", message));
    }

    private void recordRestored(Set<String> restored) {
      status.setRestoredVolumes(List.copyOf(restored));
      status.setRestoredPVCs(restored.size());
    }

    private List<String> restoredVolumes() {
      return status.getRestoredVolumes() == null ? List.of() : status.getRestoredVolumes();
    }

    private int originalReplicas() {
      return status.getOriginalReplicas() == null ? 0 : status.getOriginalReplicas();
    }
  }

  private static HyperbytedbRestoreStatus copy(HyperbytedbRestoreStatus from) {
    HyperbytedbRestoreStatus to = new HyperbytedbRestoreStatus();
    if (from == null) {
      return to;
    }
    to.setPhase(from.getPhase());
    to.setObservedGeneration(from.getObservedGeneration());
    to.setStartTime(from.getStartTime());
    to.setCompletionTime(from.getCompletionTime());
    to.setRestoredPVCs(from.getRestoredPVCs());
    to.setSnapshotPath(from.getSnapshotPath());
    to.setOriginalReplicas(from.getOriginalReplicas());
    to.setRestoredVolumes(from.getRestoredVolumes() == null ? null : List.copyOf(from.getRestoredVolumes()));
    to.setConditions(from.getConditions());
    return to;
  }
}
