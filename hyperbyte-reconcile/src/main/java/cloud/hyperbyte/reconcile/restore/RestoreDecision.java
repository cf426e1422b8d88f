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
import java.util.Map;
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
 *       is deleted, so an operator restart neither loses nor repeats progress. A pod whose fetch
 *       step reports the object store unavailable ({@link RestoreFetchArgs#EXIT_TRANSIENT}) is
 *       followed by a new attempt after a backoff, up to {@link #MAX_ATTEMPTS}; any other failure,
 *       or a pod not done within its deadline (plus {@link #START_GRACE} for one that never
 *       started), fails the restore. While the cluster is held, the claims of ordinals at or above
 *       {@code originalReplicas} are deleted ({@code status.removedVolumes}): their pre-restore data
 *       and Raft state would come back with a later scale-up.
 *   <li><b>ScalingUp</b>: only when every volume holds the snapshot is the hold released; the
 *       cluster lifecycle then starts the members, node 1 bootstraps a fresh Raft group and the
 *       others are added. Completed when the cluster reports ready.
 *   <li><b>Failed</b>: nothing more is created; restore pods still pending or running are deleted,
 *       and the cluster stays held (never a half-restored cluster running). Only once those pods
 *       are gone does the {@code ClusterHeld} condition say which volumes were restored and how to
 *       release the hold.
 * </ul>
 *
 * <p>A cluster whose spec does not validate leaves the restore waiting (Pending, or in place while
 * held) with the spec's problems in its conditions; nothing is rendered or touched until it is fixed.
 *
 * <p>While the restore owns the hold (ScalingDown, Restoring) it re-asserts it if it disappears.
 *
 * <p>A pause of the cluster ({@code spec.paused}) freezes the restore in whatever phase it is: no
 * hold, release, restore pod or claim is created or deleted until the resume (the pause promises
 * that nothing of the cluster is written), and the restore then goes on where it stopped. Restore
 * pods already running finish on their own; the cluster, if held, stays at zero meanwhile. A
 * scale-up's timeout starts again at the resume.
 *
 * <p>Waits for member pods, restore pods and the cluster's readiness ask for no requeue: the
 * operator routes those objects' watch events to the restore. Only time passing sets {@link
 * RestorePlan#requeueAt()}: an unavailable object store (nothing to watch), the backoff before a
 * restore pod's next attempt, a restore pod's give-up time and the scale-up deadline.
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

  /** A restore pod's {@code activeDeadlineSeconds} when the restore does not set {@code podDeadlineSeconds}. */
  public static final Duration DEFAULT_POD_DEADLINE = Duration.ofHours(1);
  /** Pods per volume at most: the first and the retries after transient fetch errors. */
  public static final int MAX_ATTEMPTS = 3;
  /** Wait before the second attempt; it doubles for each further one. */
  public static final Duration RETRY_BACKOFF = Duration.ofSeconds(30);
  /**
   * Added to the deadline for a pod that never finishes: {@code activeDeadlineSeconds} counts from
   * the pod's start, so a pod that cannot be scheduled or pull its image would wait forever.
   */
  public static final Duration START_GRACE = Duration.ofMinutes(5);

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
      // Pending still fails fast and pins the snapshot under a pause; it checks the pause before holding
      boolean frozen = clusterPaused() && !PENDING.equals(phase) && !COMPLETED.equals(phase);
      if (frozen) {
        waitForResume(phase);
      } else {
        switch (phase) {
          case PENDING -> pending();
          case SCALING_DOWN -> scalingDown();
          case RESTORING -> restoring();
          case SCALING_UP -> scalingUp();
          case FAILED -> stopRestorePods();
          default -> { } // Completed is final
        }
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
      if (observed.cluster().get().spec().isEmpty()) {
        status.setPhase(PENDING);
        waitForValidSpec(observed.cluster().get(), PENDING);
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
      if (cluster.paused()) {
        waitForResume(PENDING); // holding it would scale a paused cluster to zero
        return;
      }
      int replicas = cluster.spec().get().replicas();
      if (cluster.memberPods() > replicas) {
        // a scale-down is still under way: the members above the new count may still be Raft voters,
        // and holding now would delete their claims (removeClaimsAboveReplicas) before they have left
        String message = "waiting for cluster " + clusterName + " to finish scaling down to " + replicas
            + " replicas (" + cluster.memberPods() + " member pods) before holding it";
        conditions.set(PROGRESSING, true, "WaitingForScaleDown", message, now);
        conditions.set(READY, false, "WaitingForScaleDown", message, now);
        status.setPhase(PENDING);
        return; // the cluster's pods going away wake this restore
      }
      if (cluster.memberPods() < replicas) {
        // a scale-up is still under way: the members it has not created yet have no volume to restore
        // onto, and a restore restores every member up to the replicas (campaign seed 2003 failed with
        // VolumeNotFound two seconds after a scale from 3 to 5)
        String message = "waiting for cluster " + clusterName + " to finish scaling up to " + replicas
            + " replicas (" + cluster.memberPods() + " member pods) before holding it";
        conditions.set(PROGRESSING, true, "WaitingForScaleUp", message, now);
        conditions.set(READY, false, "WaitingForScaleUp", message, now);
        status.setPhase(PENDING);
        return; // the new member pods wake this restore
      }
      status.setOriginalReplicas(replicas);
      actions.add(new RestoreAction.HoldCluster(clusterName, name));
      enter(SCALING_DOWN, "holding cluster " + clusterName + " at 0 replicas to restore " + snapshot.location().uri());
      events.add(ResourceEvent.normal("ScalingDown",
          "holding cluster " + clusterName + " at 0 replicas (was " + replicas + ")"));
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
      if (cluster.get().spec().isEmpty()) {
        waitForValidSpec(cluster.get(), RESTORING);
        return;
      }
      removeClaimsAboveReplicas(cluster.get());
      ClusterNames names = ClusterNames.of(clusterName);
      Set<String> restored = new LinkedHashSet<>(restoredVolumes());
      List<String> waiting = new ArrayList<>();
      List<RestoreAction> creations = new ArrayList<>();
      for (int ordinal = 0; ordinal < originalReplicas(); ordinal++) {
        String pvc = names.dataPvc(ordinal);
        if (restored.contains(pvc)) {
          continue;
        }
        Optional<Map.Entry<RestorePodRenderer.Attempt, RestoreObservation.PodView>> latest = latestAttempt(ordinal);
        if (latest.isEmpty()) {
          if (!observed.pvcs().contains(pvc)) {
            recordRestored(restored);
            fail("VolumeNotFound", "PVC " + pvc + " does not exist; a snapshot is restored onto existing member"
                + " volumes only");
            return;
          }
          if (!create(cluster.get(), ordinal, 1, creations)) {
            recordRestored(restored);
            return;
          }
          waiting.add(pvc);
          continue;
        }
        int attempt = latest.get().getKey().attempt();
        String podName = RestorePodRenderer.podName(name, ordinal, attempt);
        RestoreObservation.PodView pod = latest.get().getValue();
        if (pod.phase() == RestoreObservation.PodView.Phase.SUCCEEDED) {
          restored.add(pvc);
          actions.add(new RestoreAction.DeletePod(podName));
          events.add(ResourceEvent.normal("VolumeRestored", "restored " + pvc + " from " + status.getSnapshotPath()));
        } else if (pod.phase() == RestoreObservation.PodView.Phase.FAILED) {
          if (!pod.transientFailure() || attempt >= MAX_ATTEMPTS) {
            recordRestored(restored);
            fail("RestorePodFailed", "restore pod " + podName + " for " + pvc + " failed"
                + (pod.transientFailure() ? " after " + attempt + " attempts" : "")
                + (pod.message().isEmpty() ? "" : ": " + pod.message()) + " (its logs stay until the restore is"
                + " deleted)");
            return;
          }
          // from when the pod failed, not from this pass: each pass would push a retry based on now away
          Instant retryAt = pod.finishedAt().or(pod::createdAt)
              .map(failed -> failed.plus(RETRY_BACKOFF.multipliedBy(1L << (attempt - 1)))).orElse(now);
          if (now.isBefore(retryAt)) {
            waiting.add(pvc + " (attempt " + attempt + " of " + MAX_ATTEMPTS + " failed: " + pod.message()
                + "; retrying at " + retryAt + ")");
            requeueAt = Optional.of(earliest(retryAt));
            continue;
          }
          if (!create(cluster.get(), ordinal, attempt + 1, creations)) {
            recordRestored(restored);
            return;
          }
          events.add(ResourceEvent.warning("RestoreRetried", "restore pod " + podName + " for " + pvc
              + " failed on a transient error (" + pod.message() + "); attempt " + (attempt + 1) + " of "
              + MAX_ATTEMPTS));
          waiting.add(pvc);
        } else {
          Optional<Instant> giveUpAt = pod.createdAt().map(created -> created.plus(podDeadline()).plus(START_GRACE));
          if (!pod.terminating() && giveUpAt.isPresent() && !now.isBefore(giveUpAt.get())) {
            recordRestored(restored);
            fail("RestorePodDeadlineExceeded", "restore pod " + podName + " for " + pvc + " did not finish within "
                + podDeadline().toSeconds() + " s (spec.podDeadlineSeconds) plus " + START_GRACE.toMinutes()
                + " min to start");
            return;
          }
          giveUpAt.ifPresent(at -> requeueAt = Optional.of(earliest(at)));
          waiting.add(pvc);
        }
      }
      recordRestored(restored);
      actions.addAll(creations);
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

    /** Adds the pod of {@code attempt} at {@code ordinal}'s volume; false (and Failed) when the snapshot is gone. */
    private boolean create(RestoreObservation.ClusterView cluster, int ordinal, int attempt,
        List<RestoreAction> creations) {
      if (!(observed.snapshot() instanceof SnapshotResolution.Resolved source)) {
        SnapshotResolution.Unresolved unresolved = (SnapshotResolution.Unresolved) observed.snapshot();
        fail(unresolved.reason(), unresolved.message());
        return false;
      }
      creations.add(new RestoreAction.CreatePod(RestorePodRenderer.render(
          new RestorePodRenderer.Request(cluster.spec().orElseThrow(), name,
              Optional.ofNullable(restore.getMetadata().getUid()), ordinal, attempt, podDeadline(), operatorImage,
              source))));
      // time passing is not watched: look again when the new pod would be given up on
      requeueAt = Optional.of(earliest(now.plus(podDeadline()).plus(START_GRACE)));
      return true;
    }

    /** The pod of the latest attempt at {@code ordinal}'s volume, if any. */
    private Optional<Map.Entry<RestorePodRenderer.Attempt, RestoreObservation.PodView>> latestAttempt(int ordinal) {
      Map.Entry<RestorePodRenderer.Attempt, RestoreObservation.PodView> latest = null;
      for (Map.Entry<String, RestoreObservation.PodView> pod : observed.restorePods().entrySet()) {
        Optional<RestorePodRenderer.Attempt> attempt = RestorePodRenderer.Attempt.of(name, pod.getKey())
            .filter(a -> a.ordinal() == ordinal);
        if (attempt.isPresent() && (latest == null || attempt.get().attempt() > latest.getKey().attempt())) {
          latest = Map.entry(attempt.get(), pod.getValue());
        }
      }
      return Optional.ofNullable(latest);
    }

    /**
     * Deletes the cluster's claims of ordinals at or above the restored replica count, only while
     * this restore holds the cluster and no member runs: they hold pre-restore data and Raft state.
     */
    private void removeClaimsAboveReplicas(RestoreObservation.ClusterView cluster) {
      if (cluster.heldBy().filter(name::equals).isEmpty() || cluster.memberPods() > 0) {
        return; // the hold was only re-asserted this pass
      }
      Set<String> removed = new LinkedHashSet<>(
          status.getRemovedVolumes() == null ? List.of() : status.getRemovedVolumes());
      observed.pvcs().stream().filter(pvc -> claimOrdinal(pvc) >= originalReplicas()).sorted().forEach(pvc -> {
        actions.add(new RestoreAction.DeleteClaim(pvc));
        if (removed.add(pvc)) {
          events.add(ResourceEvent.normal("VolumeRemoved", "deleted " + pvc + ": ordinals at or above "
              + originalReplicas() + " would bring pre-restore data and Raft state back with a scale-up"));
        }
      });
      if (!removed.isEmpty()) {
        status.setRemovedVolumes(List.copyOf(removed));
      }
    }

    /** The ordinal of the cluster's data claim {@code pvc}; -1 when the name is not one. */
    private int claimOrdinal(String pvc) {
      String prefix = ClusterNames.DATA_VOLUME + "-" + ClusterNames.of(clusterName).statefulSet() + "-";
      if (!pvc.startsWith(prefix)) {
        return -1;
      }
      try {
        int ordinal = Integer.parseInt(pvc.substring(prefix.length()));
        return pvc.equals(ClusterNames.of(clusterName).dataPvc(ordinal)) ? ordinal : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** The cluster's spec does not validate: nothing can be rendered, so wait for it to be fixed. */
    private void waitForValidSpec(RestoreObservation.ClusterView cluster, String phase) {
      String message = "HyperbytedbCluster " + clusterName + " has an invalid spec, so nothing is restored onto it"
          + " until it is fixed: " + String.join("; ", cluster.specProblems());
      conditions.set(PROGRESSING, !PENDING.equals(phase), "ClusterSpecInvalid", message, now);
      conditions.set(READY, false, "ClusterSpecInvalid", message, now);
    }

    /**
     * Once failed: nothing more is created, pods still pending or running are deleted, and the
     * hold is only said to be releasable once they are gone (a running pod still writes its volume).
     */
    private void stopRestorePods() {
      Set<String> restored = new LinkedHashSet<>(restoredVolumes());
      List<String> stopping = new ArrayList<>();
      for (Map.Entry<String, RestoreObservation.PodView> pod : new java.util.TreeMap<>(observed.restorePods())
          .entrySet()) {
        RestoreObservation.PodView view = pod.getValue();
        if (view.unfinished()) {
          stopping.add(pod.getKey());
          if (!view.terminating()) {
            deletePod(pod.getKey());
          }
        } else if (view.phase() == RestoreObservation.PodView.Phase.SUCCEEDED && !view.terminating()) {
          RestorePodRenderer.Attempt.of(name, pod.getKey())
              .ifPresent(a -> restored.add(ClusterNames.of(clusterName).dataPvc(a.ordinal())));
          deletePod(pod.getKey());
        }
      }
      recordRestored(restored);
      boolean held = observed.cluster().flatMap(RestoreObservation.ClusterView::heldBy).filter(name::equals)
          .isPresent() || actions.stream().anyMatch(a -> a instanceof RestoreAction.HoldCluster);
      if (!held) {
        return;
      }
      if (!stopping.isEmpty()) {
        conditions.set(CLUSTER_HELD, true, "StoppingRestorePods",
            "cluster " + clusterName + " stays held at 0 replicas; restore pod(s) " + String.join(", ", stopping)
                + " may still write to their volumes and are being deleted: do not release the hold before they"
                + " are gone",
            now);
        return;
      }
      conditions.set(CLUSTER_HELD, true, "RestoreFailed",
          "cluster " + clusterName + " stays held at 0 replicas so it never runs half restored; volumes"
              + " restored: " + (restored.isEmpty() ? "none" : String.join(", ", restored))
              + ". Fix the cause and create a new HyperbytedbRestore, or release the cluster on its volumes as"
              + " they are with: " + releaseCommand(clusterName),
          now);
    }

    private void deletePod(String podName) {
      RestoreAction delete = new RestoreAction.DeletePod(podName);
      if (!actions.contains(delete)) {
        actions.add(delete);
      }
    }

    private Instant earliest(Instant at) {
      return requeueAt.filter(current -> current.isBefore(at)).orElse(at);
    }

    private Duration podDeadline() {
      Integer seconds = restore.getSpec().getPodDeadlineSeconds();
      return seconds == null ? DEFAULT_POD_DEADLINE : Duration.ofSeconds(seconds);
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
        List<String> removed = status.getRemovedVolumes() == null ? List.of() : status.getRemovedVolumes();
        String message = "restored " + status.getSnapshotPath() + " onto " + originalReplicas()
            + " volume(s)" + (removed.isEmpty() ? "" : "; deleted " + String.join(", ", removed)
                + " (ordinals at or above " + originalReplicas() + ")") + "; cluster " + clusterName + " is ready";
        conditions.set(PROGRESSING, false, COMPLETED, message, now);
        conditions.set(COMPLETE, true, "RestoreSucceeded", message, now);
        conditions.set(READY, true, "RestoreSucceeded", message, now);
        events.add(ResourceEvent.normal("RestoreCompleted", message));
        return;
      }
      if (conditions.get(PROGRESSING).filter(c -> SCALING_UP.equals(c.getReason())).isEmpty()) {
        // a pause interrupted the scale-up: the paused cluster did not scale, so its time starts again now
        conditions.setAt(PROGRESSING, true, SCALING_UP, "cluster " + clusterName + " resumed; scaling back to "
            + originalReplicas() + " and re-forming membership", now);
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

    private boolean clusterPaused() {
      return observed.cluster().map(RestoreObservation.ClusterView::paused).orElse(false);
    }

    /**
     * The user paused the cluster: no write to its objects (hold, release, restore pods, claims)
     * until the resume, when the restore goes on where it stopped. Restore pods already running
     * finish on their own and are collected then; only the restore's own status changes.
     */
    private void waitForResume(String phase) {
      if (FAILED.equals(phase)) {
        return; // the stopped pods are deleted after the resume; the cluster stays held meanwhile
      }
      String message = "cluster " + clusterName + " is paused (spec.paused): the restore changes nothing of it"
          + " until it is resumed" + (PENDING.equals(phase) ? "" : "; restore pods already running finish on their own");
      conditions.set(PROGRESSING, true, "ClusterPaused", message, now);
      conditions.set(READY, false, "ClusterPaused", message, now);
      if (status.getPhase() == null) {
        status.setPhase(PENDING);
      }
    }

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
      status.setPhase(FAILED);
      status.setCompletionTime(now.toString());
      conditions.set(PROGRESSING, false, reason, message, now);
      conditions.set(COMPLETE, false, reason, message, now);
      conditions.set(READY, false, reason, message, now);
      events.add(ResourceEvent.warning("RestoreFailed", message));
      stopRestorePods();
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
    to.setRemovedVolumes(from.getRemovedVolumes() == null ? null : List.copyOf(from.getRemovedVolumes()));
    to.setConditions(from.getConditions());
    return to;
  }
}
