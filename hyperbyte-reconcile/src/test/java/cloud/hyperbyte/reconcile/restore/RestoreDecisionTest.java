package cloud.hyperbyte.reconcile.restore;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreSpec;
import cloud.hyperbyte.reconcile.backup.ResourceEvent;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.snapshot.TestClusters;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The restore workflow against a small simulated cluster: the hold scales members to zero, restore
 * pods run on every volume, the release lets the cluster come back.
 */
class RestoreDecisionTest {

  private static final String RESTORE = "r1";
  private static final String CLUSTER = TestClusters.NAME;
  private static final SnapshotResolution.Resolved SNAPSHOT = new SnapshotResolution.Resolved(
      new S3Settings("backups", "hb", null, Optional.empty(), true, Optional.of("s3-creds")),
      new SnapshotLocation("backups", "hb/prod/db/20260301T020000Z/"));

  private final ShiftableClock clock = ShiftableClock.at("2026-03-10T12:00:00Z");
  private final RestoreDecision decision =
      new RestoreDecision(clock, "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0", Duration.ofMinutes(30),
          Duration.ofSeconds(15));
  private final HyperbytedbRestore restore = restore();

  // the simulated world
  private Optional<String> hold = Optional.empty();
  private int replicas = 3;
  private int memberPods = 3;
  private boolean clusterExists = true;
  private boolean clusterReady = true;
  private boolean paused = false;
  private List<String> specProblems = List.of();
  private SnapshotResolution snapshot = SNAPSHOT;
  private final Set<String> pvcs = new java.util.HashSet<>(Set.of("data-db-0", "data-db-1", "data-db-2"));
  private final Map<String, RestoreObservation.PodView> pods = new HashMap<>();
  private final List<RestoreAction> applied = new java.util.ArrayList<>();

  private static HyperbytedbRestore restore() {
    HyperbytedbRestoreSpec spec = new HyperbytedbRestoreSpec();
    spec.setClusterName(CLUSTER);
    spec.setBackupName("nightly");
    HyperbytedbRestore restore = new HyperbytedbRestore();
    restore.setMetadata(new ObjectMetaBuilder().withName(RESTORE).withNamespace(TestClusters.NAMESPACE)
        .withGeneration(1L).withUid("restore-uid").build());
    restore.setSpec(spec);
    return restore;
  }

  private RestorePlan pass() {
    Optional<RestoreObservation.ClusterView> cluster = clusterExists
        ? Optional.of(specProblems.isEmpty()
            ? new RestoreObservation.ClusterView(TestClusters.spec(replicas, s -> s.setPaused(paused)), hold,
                memberPods, clusterReady)
            : RestoreObservation.ClusterView.invalid(specProblems, hold, memberPods, paused))
        : Optional.empty();
    RestorePlan plan = decision.decide(new RestoreObservation(restore, cluster, snapshot, pvcs, pods));
    restore.setStatus(plan.status());
    for (RestoreAction action : plan.actions()) {
      applied.add(action);
      if (action instanceof RestoreAction.HoldCluster h) {
        hold = Optional.of(h.restoreName());
      } else if (action instanceof RestoreAction.ReleaseCluster r && hold.equals(Optional.of(r.restoreName()))) {
        hold = Optional.empty();
      } else if (action instanceof RestoreAction.CreatePod c) {
        pods.putIfAbsent(c.pod().getMetadata().getName(), new RestoreObservation.PodView(
            RestoreObservation.PodView.Phase.PENDING, "", false, Optional.of(clock.instant()), Optional.empty(), false));
      } else if (action instanceof RestoreAction.DeletePod d) {
        RestoreObservation.PodView pod = pods.get(d.name());
        if (pod != null && pod.unfinished()) {
          // a running pod takes its grace period to stop, still writing to its volume
          pods.put(d.name(), new RestoreObservation.PodView(pod.phase(), pod.message(), false, pod.createdAt(),
              Optional.empty(), true));
        } else {
          pods.remove(d.name());
        }
      } else if (action instanceof RestoreAction.DeleteClaim d) {
        pvcs.remove(d.name());
      }
    }
    return plan;
  }

  /** The pods being deleted are gone. */
  private void stoppedPodsGone() {
    pods.values().removeIf(RestoreObservation.PodView::terminating);
  }

  private void podFails(String pod, boolean transientFailure, String message) {
    pods.put(pod, new RestoreObservation.PodView(RestoreObservation.PodView.Phase.FAILED, message, transientFailure,
        pods.get(pod).createdAt(), Optional.of(clock.instant()), false));
  }

  private List<String> created() {
    return applied.stream().filter(a -> a instanceof RestoreAction.CreatePod)
        .map(a -> ((RestoreAction.CreatePod) a).pod().getMetadata().getName()).toList();
  }

  /** Held, members gone, the three restore pods created. */
  private void restoring() {
    startAndHold();
    memberPods = 0;
    pass();
    applied.clear();
  }

  private void podsFinish(RestoreObservation.PodView.Phase phase, String message) {
    pods.replaceAll((name, view) -> new RestoreObservation.PodView(phase, message));
  }

  private static void assertFailedWithoutHolding(RestorePlan plan) {
    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.status().getConditions()).noneMatch(c -> c.getType().equals("ClusterHeld"));
  }

  private static Condition condition(RestorePlan plan, String type) {
    return plan.status().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  /** The first two passes: Pending with the snapshot pinned, then the hold. */
  private RestorePlan startAndHold() {
    pass();
    return pass();
  }

  @Test
  void fullWorkflowHoldsRestoresEveryVolumeReleasesAndCompletes() {
    RestorePlan pending = pass();
    assertThat(pending.status().getPhase()).isEqualTo("Pending");
    assertThat(pending.status().getSnapshotPath()).isEqualTo("s3://backups/hb/prod/db/20260301T020000Z/");
    assertThat(pending.status().getStartTime()).isEqualTo("2026-03-10T12:00:00Z");
    assertThat(pending.actions()).as("the cluster is not touched yet").isEmpty();
    assertThat(pending.requeueAt()).as("the next pass at once").contains(clock.instant());
    assertThat(condition(pending, "Progressing").getReason()).isEqualTo("Pending");

    clock.advance(Duration.ofSeconds(1));
    RestorePlan start = pass();
    assertThat(start.status().getPhase()).isEqualTo("ScalingDown");
    assertThat(start.status().getOriginalReplicas()).isEqualTo(3);
    assertThat(start.status().getStartTime()).as("kept from Pending").isEqualTo("2026-03-10T12:00:00Z");
    assertThat(start.requeueAt()).as("member pods going are watched").isEmpty();
    assertThat(hold).contains(RESTORE);
    assertThat(pods).as("no volume touched while members run").isEmpty();

    memberPods = 0; // the cluster reconciler honoured the hold
    RestorePlan restoring = pass();
    assertThat(restoring.status().getPhase()).isEqualTo("Restoring");
    assertThat(pods).containsOnlyKeys("r1-restore-0", "r1-restore-1", "r1-restore-2");
    assertThat(applied).filteredOn(a -> a instanceof RestoreAction.CreatePod).hasSize(3);

    pods.put("r1-restore-1", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.SUCCEEDED, ""));
    RestorePlan oneDone = pass();
    assertThat(oneDone.status().getRestoredVolumes()).containsExactly("data-db-1");
    assertThat(oneDone.status().getPhase()).isEqualTo("Restoring");
    assertThat(hold).as("still held while volumes remain").contains(RESTORE);

    podsFinish(RestoreObservation.PodView.Phase.SUCCEEDED, "");
    clusterReady = false;
    RestorePlan released = pass();
    assertThat(released.status().getPhase()).isEqualTo("ScalingUp");
    assertThat(released.status().getRestoredPVCs()).isEqualTo(3);
    assertThat(released.status().getRestoredVolumes()).containsExactlyInAnyOrder("data-db-0", "data-db-1", "data-db-2");
    assertThat(hold).isEmpty();
    assertThat(released.actions()).filteredOn(a -> a instanceof RestoreAction.ReleaseCluster).as("released once")
        .hasSize(1);
    assertThat(pods).as("finished pods cleaned up").isEmpty();
    assertThat(released.requeueAt()).as("readiness is watched; only the scale-up deadline is timed")
        .contains(clock.instant().plus(Duration.ofMinutes(30)));

    memberPods = 3;
    clusterReady = true; // members re-added by the cluster lifecycle
    clock.advance(Duration.ofMinutes(4));
    RestorePlan done = pass();
    assertThat(done.status().getPhase()).isEqualTo("Completed");
    assertThat(done.status().getCompletionTime()).isEqualTo("2026-03-10T12:04:01Z");
    assertThat(condition(done, "Complete").getStatus()).isEqualTo("True");
    assertThat(done.events()).extracting(ResourceEvent::reason).containsExactly("RestoreCompleted");
    assertThat(pass().actions()).as("final").isEmpty();
  }

  @Test
  void operatorRestartMidRestoreResumesFromStatusAndPods() {
    startAndHold();
    memberPods = 0;
    pass();
    pods.put("r1-restore-0", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.SUCCEEDED, ""));
    pods.remove("r1-restore-2"); // lost while the operator was down
    applied.clear();

    RestorePlan resumed = pass(); // a new operator process: only status and the cluster are known

    assertThat(resumed.status().getPhase()).isEqualTo("Restoring");
    assertThat(resumed.status().getRestoredVolumes()).containsExactly("data-db-0");
    assertThat(applied).filteredOn(a -> a instanceof RestoreAction.CreatePod)
        .extracting(a -> ((RestoreAction.CreatePod) a).pod().getMetadata().getName())
        .containsExactly("r1-restore-2");
    assertThat(hold).contains(RESTORE);
  }

  @Test
  void holdRemovedDuringRestoringIsReassertedAndNoPodStartsWhileMembersRun() {
    startAndHold();
    memberPods = 0;
    pass();
    hold = Optional.empty();
    memberPods = 1;

    RestorePlan plan = pass();

    assertThat(plan.actions()).containsExactly(new RestoreAction.HoldCluster(CLUSTER, RESTORE));
    assertThat(condition(plan, "Progressing").getMessage()).contains("waiting for 1 member pod(s) to stop");
  }

  @Test
  void failedRestorePodFailsAndLeavesTheClusterHeldWithReleaseInstructions() {
    restoring();
    pods.put("r1-restore-0", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.SUCCEEDED, ""));
    pods.put("r1-restore-1", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.FAILED,
        "restore-fetch: archive does not match its manifest"));
    pods.put("r1-restore-2", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.SUCCEEDED, ""));

    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(hold).contains(RESTORE);
    assertThat(plan.actions()).noneMatch(a -> a instanceof RestoreAction.ReleaseCluster);
    assertThat(condition(plan, "Ready").getMessage()).contains("r1-restore-1", "data-db-1", "does not match");
    Condition held = condition(plan, "ClusterHeld");
    assertThat(held.getStatus()).isEqualTo("True");
    assertThat(held.getMessage())
        .contains("volumes restored: data-db-0, data-db-2")
        .contains("kubectl annotate hyperbytedbcluster db hyperbytedb.hyperbyte.cloud/restore-hold-");
    assertThat(pods).as("the failed pod's logs stay").containsOnlyKeys("r1-restore-1");
    applied.clear();
    assertThat(pass().actions()).as("Failed is final").isEmpty();
  }

  @Test
  void aFailedRestoreCreatesNothingMoreAndStopsItsRunningPodsBeforeSayingTheHoldCanBeReleased() {
    restoring();
    pods.remove("r1-restore-0"); // lost while the operator was down: the pod to create again
    pods.put("r1-restore-1", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.FAILED,
        "restore-fetch: snapshot is incomplete"));
    pods.put("r1-restore-2", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.RUNNING, ""));

    RestorePlan failed = pass();

    assertThat(failed.status().getPhase()).isEqualTo("Failed");
    assertThat(created()).as("nothing is created for an earlier ordinal once the restore fails").isEmpty();
    assertThat(failed.actions()).containsExactly(new RestoreAction.DeletePod("r1-restore-2"));
    assertThat(condition(failed, "ClusterHeld").getReason()).isEqualTo("StoppingRestorePods");
    assertThat(condition(failed, "ClusterHeld").getMessage()).contains("r1-restore-2", "do not release the hold")
        .doesNotContain("kubectl annotate");

    applied.clear();
    RestorePlan stopping = pass(); // the pod takes its grace period
    assertThat(stopping.actions()).as("a terminating pod is not deleted again").isEmpty();
    assertThat(condition(stopping, "ClusterHeld").getReason()).isEqualTo("StoppingRestorePods");

    stoppedPodsGone();
    RestorePlan stopped = pass();
    assertThat(stopped.actions()).isEmpty();
    assertThat(condition(stopped, "ClusterHeld").getReason()).isEqualTo("RestoreFailed");
    assertThat(condition(stopped, "ClusterHeld").getMessage())
        .contains("kubectl annotate hyperbytedbcluster db hyperbytedb.hyperbyte.cloud/restore-hold-");
    assertThat(hold).contains(RESTORE);
  }

  @Test
  void aTransientFetchErrorIsRetriedWithBackoffAndTheRestoreFailsAfterTheLastAttempt() {
    restoring();
    podFails("r1-restore-1", true, "container fetch exited with 75: restore-fetch: S3 unavailable (503)");

    RestorePlan backingOff = pass();
    assertThat(backingOff.status().getPhase()).isEqualTo("Restoring");
    assertThat(created()).as("not before the backoff").isEmpty();
    assertThat(backingOff.requeueAt()).contains(clock.instant().plus(RestoreDecision.RETRY_BACKOFF));
    assertThat(condition(backingOff, "Progressing").getMessage()).contains("attempt 1 of 3 failed", "503");

    clock.advance(RestoreDecision.RETRY_BACKOFF.minusSeconds(1));
    pass(); // a pass in between (another pod's event) does not push the retry away
    assertThat(created()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    pass();
    assertThat(created()).containsExactly("r1-restore-1-2");
    assertThat(pods).as("the failed attempt's logs stay").containsKey("r1-restore-1");

    podFails("r1-restore-1-2", true, "S3 unavailable");
    clock.advance(RestoreDecision.RETRY_BACKOFF);
    pass();
    assertThat(created()).as("the backoff doubles").containsExactly("r1-restore-1-2");
    clock.advance(RestoreDecision.RETRY_BACKOFF);
    pass();
    assertThat(created()).containsExactly("r1-restore-1-2", "r1-restore-1-3");

    podFails("r1-restore-1-3", true, "S3 unavailable");
    clock.advance(Duration.ofHours(1));
    RestorePlan failed = pass();

    assertThat(failed.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(failed, "Ready").getMessage()).contains("r1-restore-1-3", "after 3 attempts");
    assertThat(created()).hasSize(2);
  }

  @Test
  void aPermanentFetchErrorFailsAtOnce() {
    restoring();
    podFails("r1-restore-0", false, "container fetch exited with 1: restore-fetch: snapshot is incomplete");

    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(created()).isEmpty();
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("RestorePodFailed");
  }

  @Test
  void restorePodsHaveADeadlineAndOneThatNeverFinishesFailsTheRestore() {
    restore.getSpec().setPodDeadlineSeconds(600);
    startAndHold();
    memberPods = 0;
    RestorePlan started = pass();
    Duration giveUp = Duration.ofSeconds(600).plus(RestoreDecision.START_GRACE);
    assertThat(started.actions()).filteredOn(a -> a instanceof RestoreAction.CreatePod)
        .allSatisfy(a -> assertThat(((RestoreAction.CreatePod) a).pod().getSpec().getActiveDeadlineSeconds())
            .isEqualTo(600L));
    assertThat(started.requeueAt()).as("time passing is not watched").contains(clock.instant().plus(giveUp));
    pods.put("r1-restore-0", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.SUCCEEDED, ""));
    pods.put("r1-restore-1", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.SUCCEEDED, ""));
    // r1-restore-2 stays Pending: unschedulable, so the kubelet's deadline never starts

    clock.advance(giveUp.minusSeconds(1));
    assertThat(pass().status().getPhase()).isEqualTo("Restoring");
    clock.advance(Duration.ofSeconds(1));
    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("RestorePodDeadlineExceeded");
    assertThat(plan.actions()).contains(new RestoreAction.DeletePod("r1-restore-2"));
    assertThat(plan.status().getRestoredVolumes()).containsExactly("data-db-0", "data-db-1");
  }

  @Test
  void claimsOfOrdinalsAtOrAboveTheReplicasAreDeletedWhileHeldAndReported() {
    pvcs.addAll(Set.of("data-db-3", "data-db-4", "data-other-7"));
    startAndHold();
    memberPods = 0;
    hold = Optional.empty(); // taken away before the pass that would start restoring

    RestorePlan reasserted = pass();
    assertThat(reasserted.actions()).as("only while held").noneMatch(a -> a instanceof RestoreAction.DeleteClaim);

    RestorePlan plan = pass();
    assertThat(plan.actions()).filteredOn(a -> a instanceof RestoreAction.DeleteClaim)
        .containsExactly(new RestoreAction.DeleteClaim("data-db-3"), new RestoreAction.DeleteClaim("data-db-4"));
    assertThat(plan.status().getRemovedVolumes()).containsExactly("data-db-3", "data-db-4");
    assertThat(pvcs).containsExactlyInAnyOrder("data-db-0", "data-db-1", "data-db-2", "data-other-7");

    podsFinish(RestoreObservation.PodView.Phase.SUCCEEDED, "");
    pass();
    RestorePlan done = pass();
    assertThat(done.status().getPhase()).isEqualTo("Completed");
    assertThat(done.status().getRemovedVolumes()).containsExactly("data-db-3", "data-db-4");
    assertThat(condition(done, "Complete").getMessage()).contains("deleted data-db-3, data-db-4");
  }

  @Test
  void aClusterWithAnInvalidSpecLeavesTheRestorePendingWithTheProblemsAndTouchesNothing() {
    specProblems = List.of("spec.replicas: must be at least 1", "spec.version: not a version");

    RestorePlan plan = pass();
    RestorePlan again = pass();

    assertThat(again.status().getPhase()).isEqualTo("Pending");
    assertThat(plan.actions()).isEmpty();
    assertThat(again.actions()).isEmpty();
    assertThat(again.requeueAt()).as("the cluster's events wake it").isEmpty();
    assertThat(condition(again, "Ready").getReason()).isEqualTo("ClusterSpecInvalid");
    assertThat(condition(again, "Ready").getMessage()).contains("spec.replicas: must be at least 1", "spec.version");

    specProblems = List.of(); // fixed
    pass();
    pass();
    assertThat(hold).contains(RESTORE);
  }

  @Test
  void aClusterSpecMadeInvalidWhileHeldStopsNewRestorePodsButKeepsTheHold() {
    startAndHold();
    memberPods = 0;
    specProblems = List.of("spec.image: invalid reference");

    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Restoring");
    assertThat(created()).isEmpty();
    assertThat(hold).contains(RESTORE);
    assertThat(condition(plan, "Progressing").getMessage()).contains("spec.image: invalid reference");
  }

  @Test
  void aClusterTakenByAnotherRestoreWhileThisOneWasPendingIsNotHeld() {
    assertThat(pass().status().getPhase()).isEqualTo("Pending");
    hold = Optional.of("other");

    RestorePlan plan = pass();

    assertFailedWithoutHolding(plan);
    assertThat(condition(plan, "Ready").getMessage()).contains("held by restore other");
  }

  @Test
  void theReplicaCountIsTakenWhenTheClusterIsHeldNotWhenTheSnapshotIsChosen() {
    pass();
    replicas = 5; // scaled while the restore was Pending
    memberPods = 5;

    RestorePlan plan = pass();

    assertThat(plan.status().getOriginalReplicas()).isEqualTo(5);
    assertThat(plan.actions()).containsExactly(new RestoreAction.HoldCluster(CLUSTER, RESTORE));
  }

  /**
   * Campaign seed 6018: a restore created right after a scale to one member held the cluster while
   * the two members above it were still Raft voters, and deleted their claims. The hold waits until
   * the scale-down is over (no more member pods than replicas).
   */
  @Test
  void aRestoreRequestedDuringAScaleDownHoldsTheClusterOnlyOnceTheDepartingMembersAreGone() {
    pass();
    replicas = 1; // scaled to one: members 1 and 2 still run, draining and leaving Raft one at a time

    RestorePlan waiting = pass();

    assertThat(waiting.actions()).isEmpty();
    assertThat(waiting.status().getPhase()).isEqualTo("Pending");
    assertThat(condition(waiting, "Ready").getReason()).isEqualTo("WaitingForScaleDown");
    assertThat(condition(waiting, "Ready").getMessage()).contains("scaling down to 1 replicas");

    memberPods = 1; // both removed from Raft, their pods gone
    RestorePlan held = pass();

    assertThat(held.status().getOriginalReplicas()).isEqualTo(1);
    assertThat(held.actions()).containsExactly(new RestoreAction.HoldCluster(CLUSTER, RESTORE));
  }

  /**
   * Campaign seed 2003: a restore created two seconds after a scale from 3 to 5 held the cluster with
   * 5 as its replica count and failed with VolumeNotFound on data-hdb-3, which the scale-up had not
   * created yet. The hold waits until the scale-up has its member pods.
   */
  @Test
  void aRestoreRequestedDuringAScaleUpHoldsTheClusterOnlyOnceTheNewMembersExist() {
    pass();
    replicas = 5; // scaled up: only members 0 to 2 exist so far

    RestorePlan waiting = pass();

    assertThat(waiting.actions()).isEmpty();
    assertThat(waiting.status().getPhase()).isEqualTo("Pending");
    assertThat(condition(waiting, "Ready").getReason()).isEqualTo("WaitingForScaleUp");

    memberPods = 5;
    RestorePlan held = pass();

    assertThat(held.status().getOriginalReplicas()).isEqualTo(5);
    assertThat(held.actions()).containsExactly(new RestoreAction.HoldCluster(CLUSTER, RESTORE));
  }

  @Test
  void missingClusterFailsFastWithoutHolding() {
    clusterExists = false;

    RestorePlan plan = pass();

    assertFailedWithoutHolding(plan);
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("ClusterNotFound");
  }

  @Test
  void backupWithoutSuccessfulRunFailsFast() {
    snapshot = new SnapshotResolution.Unresolved("NoSuccessfulRun",
        "HyperbytedbBackup nightly has no successful run yet; wait for one or set source.s3", false);

    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(plan.actions()).isEmpty();
    assertThat(condition(plan, "Ready").getMessage()).contains("no successful run");
  }

  @Test
  void unavailableObjectStoreWaitsInPending() {
    snapshot = new SnapshotResolution.Unresolved("ObjectStoreUnavailable", "connection refused", true);

    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Pending");
    assertThat(plan.actions()).isEmpty();
    assertThat(plan.requeueAt()).contains(clock.instant().plusSeconds(15));
  }

  @Test
  void restoreTimestampIsRejectedAsReserved() {
    restore.getSpec().setRestoreTimestamp("2026-03-01T00:00:00Z");

    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("RestoreTimestampNotSupported");
    assertThat(hold).isEmpty();
  }

  @Test
  void clusterHeldByAnotherRestoreIsRefused() {
    hold = Optional.of("other");

    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(plan, "Ready").getMessage()).contains("held by restore other");
    assertThat(hold).contains("other");
  }

  @Test
  void missingMemberVolumeFailsWithTheClusterHeld() {
    pvcs.remove("data-db-2");
    startAndHold();
    memberPods = 0;

    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("VolumeNotFound");
    assertThat(hold).contains(RESTORE);
  }

  @Test
  void clusterThatNeverBecomesReadyFailsAfterTheScaleUpTimeout() {
    startAndHold();
    memberPods = 0;
    pass();
    podsFinish(RestoreObservation.PodView.Phase.SUCCEEDED, "");
    clusterReady = false;
    pass();

    clock.advance(Duration.ofMinutes(29));
    assertThat(pass().status().getPhase()).isEqualTo("ScalingUp");
    clock.advance(Duration.ofMinutes(1));
    RestorePlan plan = pass();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("ScaleUpTimeout");
    assertThat(condition(plan, "Ready").getMessage()).contains("every volume was restored");
  }

  /** Seed 1358 of the fault campaign: the user paused the cluster while the restore pods ran. */
  @Test
  void aPauseDuringRestoringWritesNothingUntilTheResumeAndTheRunningPodsFinishMeanwhile() {
    restoring();
    podsFinish(RestoreObservation.PodView.Phase.RUNNING, "");

    paused = true;
    RestorePlan pausedPass = pass();
    podsFinish(RestoreObservation.PodView.Phase.SUCCEEDED, "");
    RestorePlan finishedWhilePaused = pass();

    assertThat(pausedPass.actions()).isEmpty();
    assertThat(finishedWhilePaused.actions()).as("no pod deleted, no release while paused").isEmpty();
    assertThat(finishedWhilePaused.status().getPhase()).isEqualTo("Restoring");
    assertThat(finishedWhilePaused.status().getRestoredVolumes()).as("recorded when the pods are collected").isEmpty();
    assertThat(condition(finishedWhilePaused, "Progressing").getReason()).isEqualTo("ClusterPaused");
    assertThat(hold).as("the paused cluster stays held at zero").contains(RESTORE);
    assertThat(pods).hasSize(3);

    paused = false;
    RestorePlan resumed = pass();

    assertThat(resumed.status().getPhase()).isEqualTo("ScalingUp");
    assertThat(resumed.status().getRestoredVolumes()).containsExactlyInAnyOrder("data-db-0", "data-db-1", "data-db-2");
    assertThat(pods).as("finished pods collected after the resume").isEmpty();
    assertThat(hold).isEmpty();
  }

  @Test
  void aPausedClusterIsNotHeldUntilItIsResumed() {
    pass(); // the snapshot is pinned: only the restore's own status is written
    paused = true;

    RestorePlan waiting = pass();

    assertThat(waiting.status().getPhase()).isEqualTo("Pending");
    assertThat(waiting.actions()).isEmpty();
    assertThat(hold).isEmpty();
    assertThat(condition(waiting, "Progressing").getReason()).isEqualTo("ClusterPaused");

    paused = false;
    RestorePlan resumed = pass();

    assertThat(resumed.status().getPhase()).isEqualTo("ScalingDown");
    assertThat(hold).contains(RESTORE);
  }

  @Test
  void aPauseDuringScalingUpNeitherReleasesAgainNorTimesOutAndTheTimeoutStartsAgainAtTheResume() {
    restoring();
    podsFinish(RestoreObservation.PodView.Phase.SUCCEEDED, "");
    clusterReady = false;
    pass();
    hold = Optional.of(RESTORE); // the release was lost (a crash after the status write)
    applied.clear();

    paused = true;
    clock.advance(Duration.ofMinutes(45));
    RestorePlan whilePaused = pass();

    assertThat(whilePaused.status().getPhase()).isEqualTo("ScalingUp");
    assertThat(whilePaused.actions()).isEmpty();

    paused = false;
    RestorePlan resumed = pass();

    assertThat(resumed.status().getPhase()).isEqualTo("ScalingUp");
    assertThat(resumed.actions()).containsExactly(new RestoreAction.ReleaseCluster(CLUSTER, RESTORE));
    assertThat(resumed.requeueAt()).contains(clock.instant().plus(Duration.ofMinutes(30)));
    clock.advance(Duration.ofMinutes(29));
    assertThat(pass().status().getPhase()).isEqualTo("ScalingUp");
    clock.advance(Duration.ofMinutes(1));
    assertThat(pass().status().getPhase()).isEqualTo("Failed");
  }

  @Test
  void aFailedRestoreOnAPausedClusterStopsItsRunningPodsOnlyAfterTheResume() {
    restoring();
    pods.put("r1-restore-0", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.FAILED, "bad snapshot"));
    pods.put("r1-restore-1", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.RUNNING, ""));
    pods.put("r1-restore-2", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.RUNNING, ""));
    pass();
    pods.remove("r1-restore-1");
    // the delete of r1-restore-2 was lost (an API error): it still runs
    pods.put("r1-restore-2", new RestoreObservation.PodView(RestoreObservation.PodView.Phase.RUNNING, ""));
    applied.clear();

    paused = true;
    RestorePlan whilePaused = pass();

    assertThat(whilePaused.status().getPhase()).isEqualTo("Failed");
    assertThat(whilePaused.actions()).isEmpty();
    assertThat(hold).contains(RESTORE);

    paused = false;
    assertThat(pass().actions()).containsExactly(new RestoreAction.DeletePod("r1-restore-2"));
  }
}
