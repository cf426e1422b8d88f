package cloud.hyperbyte.reconcile.properties;

import static cloud.hyperbyte.reconcile.properties.PlanReading.deliberatelyTakenDown;
import static cloud.hyperbyte.reconcile.properties.PlanReading.inRaft;
import static cloud.hyperbyte.reconcile.properties.PlanReading.livePod;
import static cloud.hyperbyte.reconcile.properties.PlanReading.majority;
import static cloud.hyperbyte.reconcile.properties.PlanReading.stillOut;
import static cloud.hyperbyte.reconcile.properties.PlanReading.serving;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.reconcile.decision.RollingUpgradeDecision;
import cloud.hyperbyte.reconcile.decision.Scenario;
import cloud.hyperbyte.reconcile.decision.StatefulSetShape;
import cloud.hyperbyte.reconcile.decision.UpgradeProgress;
import cloud.hyperbyte.reconcile.decision.UpgradeStep;
import cloud.hyperbyte.reconcile.port.ProxyEndpoint;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The safety invariants of one lifecycle pass (issue 4, item 5), checked over generated observations:
 * 1–7 running and 1–7 wanted members, any member health, reachability, node state and pod readiness,
 * a leader or none (or two), any voter and learner sets, pods on either revision, any remembered
 * operation progress, paused or not, held by a restore or not.
 */
class LifecycleInvariantsTest {

  /** Sized so that the whole suite stays well under 30 s on a loaded 2-core machine (~3 ms per case). */
  static final int TRIES = 500;

  /** Properties that plan twice per case. */
  static final int DOUBLE_TRIES = 400;

  /** Properties that discard the observations their premise does not hold in (more than half). */
  static final int FILTERED_TRIES = 200;

  /** Properties whose generated clusters all take the same early exit. */
  static final int EARLY_EXIT_TRIES = 300;

  private final ClusterLifecycle lifecycle =
      new ClusterLifecycle(Scenario.clockAt(Scenario.NOW), LifecycleTimings.defaults());

  @Provide
  Arbitrary<ClusterPicture> clusters() {
    return ClusterPictures.clusters();
  }

  @Provide
  Arbitrary<ClusterPicture> pausedClusters() {
    return ClusterPictures.pausedClusters();
  }

  @Provide
  Arbitrary<ClusterPicture> heldClusters() {
    return ClusterPictures.heldClusters();
  }

  @Property(tries = TRIES)
  void atMostOneMemberIsTakenDownOnPurposeAtATime(@ForAll("clusters") ClusterPicture cluster) {
    // a restore stops every member on purpose; whileARestoreHoldsTheClusterNoMemberIsTouched covers it
    Assume.that(!cluster.settings().held());
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    Set<Integer> down = deliberatelyTakenDown(plan, observed);
    assertThat(down).as("members this pass takes down on purpose").hasSizeLessThanOrEqualTo(1);
    if (!down.isEmpty()) {
      Set<Integer> alreadyOut = new TreeSet<>(stillOut(plan, observed));
      alreadyOut.removeAll(down);
      assertThat(alreadyOut).as("other members an operation still has out while %s is taken down", down).isEmpty();
    }
  }

  /**
   * Clusters whose remembered upgrade has a member out (past the first exclusion), behind one or two
   * proxy pods that may or may not have seen the exclusion: each pass must tell all of them again.
   */
  @Provide
  Arbitrary<ClusterPicture> upgradesWithAMemberOut() {
    return Combinators.combine(ClusterPictures.clusters(),
            Arbitraries.of(UpgradeStep.WAITING, UpgradeStep.RESTARTING, UpgradeStep.REJOINING, UpgradeStep.INCLUDING),
            Arbitraries.integers().between(0, 6), Arbitraries.integers().between(1, 2),
            Arbitraries.integers().between(0, 1200))
        .as((cluster, step, ordinal, proxies, secondsAgo) -> cluster
            .withSettings(cluster.settings().paused(false).held(false).proxies(proxies))
            .withMemory(cluster.memory().withScaleDown(Optional.empty()).withUpgrade(Optional.of(new UpgradeProgress(
                "r2", OptionalInt.of(ordinal % cluster.running()), Optional.of(step),
                Scenario.NOW.minusSeconds(secondsAgo), List.of())))));
  }

  @Property(tries = FILTERED_TRIES)
  void aMemberTheUpgradeHasOutIsExcludedOnEveryProxyPodInEveryPassUntilItIsBack(
      @ForAll("upgradesWithAMemberOut") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    int ordinal = cluster.memory().upgrade().orElseThrow().ordinal().getAsInt();
    Optional<String> ip = observed.pod(ordinal).flatMap(ObservedPod::podIp);
    Assume.that(ip.isPresent() && !RollingUpgradeDecision.back(observed, ordinal));

    LifecyclePlan plan = lifecycle.plan(observed);

    assertThat(plan.actions()).filteredOn(Action.ExcludeFromProxy.class::isInstance)
        .map(Action.ExcludeFromProxy.class::cast)
        .filteredOn(e -> e.backendIp().equals(ip.get()))
        .extracting(Action.ExcludeFromProxy::proxy)
        .as("proxy pods told again that %s is out", observed.names().pod(ordinal))
        .containsExactlyInAnyOrderElementsOf(observed.proxies());
    assertThat(plan.actions()).filteredOn(Action.IncludeInProxy.class::isInstance)
        .as("includes while %s is not back", observed.names().pod(ordinal)).isEmpty();
  }

  /**
   * Issue 13, defect 2: the others' health is checked right before the restart, not only when the
   * member was chosen (possibly drainWaitSecs earlier). A serving member is restarted (its stale pod
   * released by the partition, or deleted) only while every other member is back.
   */
  @Property(tries = TRIES)
  void aServingMemberIsRestartedOnlyWhileEveryOtherMemberIsBack(
      @ForAll("upgradesWithAMemberOut") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    Set<Integer> restarted = PlanReading.restarted(plan, observed);
    restarted.removeIf(o -> !RollingUpgradeDecision.back(observed, o));
    for (int ordinal : restarted) {
      Set<Integer> othersOut = new TreeSet<>();
      for (int other = 0; other < observed.statefulSetReplicas(); other++) {
        if (other != ordinal && !RollingUpgradeDecision.back(observed, other)) {
          othersOut.add(other);
        }
      }
      assertThat(othersOut).as("members not back while serving %s restarts", observed.names().pod(ordinal)).isEmpty();
    }
  }

  /** Any cluster, or one whose remembered upgrade is at any step with a member out; never held by a restore. */
  @Provide
  Arbitrary<ClusterPicture> restartCandidates() {
    return Arbitraries.oneOf(clusters(), upgradesWithAMemberOut())
        .filter(c -> !c.settings().held());
  }

  /**
   * Issue 13 (campaign seeds 2106, 2147): no Raft majority is lost through a deliberate restart. A
   * member restarted on purpose (an upgrade, a config change, a restart on request, an adoption, an
   * abandoned scale-down; its pod deleted or released by the partition) that still answers Raft
   * leaves a majority of the leader's voter set answering without it, if one answered before. The one
   * exception, documented on {@code Quorum.survivesRestart}: a voter set of one or two that already
   * has every member the spec asks for, with every other voter answering, since no restart of it can
   * keep a majority and it could otherwise never be upgraded.
   */
  @Property(tries = TRIES)
  void aDeliberateRestartLeavesAMajorityOfVotersAnswering(@ForAll("restartCandidates") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    Assume.that(observed.voters().isPresent());
    LifecyclePlan plan = lifecycle.plan(observed);

    Set<Long> voters = observed.voters().get();
    Set<Long> restartedAnswering = new TreeSet<>();
    PlanReading.restarted(plan, observed).forEach(o -> {
      long nodeId = o + 1L;
      if (voters.contains(nodeId) && inRaft(observed, nodeId)) {
        restartedAnswering.add(nodeId);
      }
    });
    Statistics.label("restarts an answering voter").collect(!restartedAnswering.isEmpty());
    if (restartedAnswering.isEmpty()) {
      return;
    }
    long answeringBefore = voters.stream().filter(v -> inRaft(observed, v)).count();
    long answeringAfter = voters.stream().filter(v -> !restartedAnswering.contains(v) && inRaft(observed, v)).count();
    Statistics.label("majority answering before the restart").collect(answeringBefore >= majority(voters.size()));
    boolean tooSmallAndComplete = voters.size() <= 2 && voters.size() >= observed.spec().effectiveReplicas()
        && restartedAnswering.size() == 1 && answeringAfter == voters.size() - 1;
    if (answeringBefore >= majority(voters.size()) && !tooSmallAndComplete) {
      assertThat(answeringAfter).as("voters of %s answering while %s restart; plan %s, StatefulSet %s", voters, restartedAnswering, plan.actions(), plan.statefulSetShape())
          .isGreaterThanOrEqualTo(majority(voters.size()));
    }
  }

  /** Upgrades under OnDelete, with or without a member out, remembered at any step. */
  @Provide
  Arbitrary<ClusterPicture> onDeleteUpgrades() {
    return Arbitraries.oneOf(clusters(), upgradesWithAMemberOut())
        .map(c -> c.withSettings(c.settings().paused(false).held(false).onDeleteUpgrade()));
  }

  /**
   * Issue 16, item 2: under OnDelete the Raft leader restarts last whatever its ordinal. The one
   * leader the members agree on is never chosen for the next restart, nor restarted, while another
   * member (a pod below the replicas) still runs the old revision; a member that became leader after
   * it was chosen is given up before its restart.
   */
  @Property(tries = TRIES)
  void underOnDeleteTheLeaderIsNeverChosenNorRestartedWhileAnotherMemberIsStale(
      @ForAll("onDeleteUpgrades") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    Assume.that(observed.leader().isPresent());
    int leader = observed.leader().get().ordinal();
    LifecyclePlan plan = lifecycle.plan(observed);

    Set<Integer> otherStale = new TreeSet<>();
    for (ObservedPod pod : observed.pods()) {
      if (pod.ordinal() < observed.statefulSetReplicas() && pod.ordinal() != leader && !pod.runs("r2")) {
        otherStale.add(pod.ordinal());
      }
    }
    Assume.that(!otherStale.isEmpty());
    OptionalInt before = cluster.memory().upgrade().map(UpgradeProgress::ordinal).orElse(OptionalInt.empty());
    OptionalInt after = plan.memory().upgrade().map(UpgradeProgress::ordinal).orElse(OptionalInt.empty());
    if (after.isPresent() && !after.equals(before)) {
      assertThat(after.getAsInt()).as("member chosen while %s are stale", otherStale).isNotEqualTo(leader);
    }
    assertThat(plan.actions()).filteredOn(a -> a instanceof Action.DeletePod d && Action.RESTART_EVENT.equals(d.reason()))
        .extracting(Action::ordinal).as("members restarted while %s are stale", otherStale).doesNotContain(leader);
  }

  @Property(tries = TRIES)
  void aMemberIsIncludedOnEveryProxyPodAtOnceAndNeverExcludedInTheSamePass(@ForAll("clusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    Map<String, Set<String>> includedOn = new TreeMap<>();
    Set<String> excluded = new TreeSet<>();
    for (Action action : plan.actions()) {
      if (action instanceof Action.IncludeInProxy include) {
        includedOn.computeIfAbsent(include.backendIp(), ip -> new TreeSet<>()).add(include.proxy().podName());
      } else if (action instanceof Action.ExcludeFromProxy exclude) {
        excluded.add(exclude.backendIp());
      }
    }
    Set<String> everyProxy = new TreeSet<>(observed.proxies().stream().map(ProxyEndpoint::podName).toList());
    includedOn.forEach((ip, proxies) -> {
      assertThat(proxies).as("proxy pods %s is included on", ip).isEqualTo(everyProxy);
      assertThat(excluded).as("IPs excluded in the pass that includes %s", ip).doesNotContain(ip);
    });
  }

  @Property(tries = TRIES)
  void failoverStaysWithinMaxFailoverCountAndLeavesAServingMajority(@ForAll("clusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    List<Action.DeletePod> failovers = PlanReading.failoverDeletes(plan);
    if (failovers.isEmpty()) {
      return;
    }
    var settings = observed.spec().failover();
    long terminating = observed.pods().stream().filter(ObservedPod::terminating).count();
    assertThat(settings.enabled()).as("failover is enabled").isTrue();
    assertThat((long) failovers.size()).as("failovers this pass").isLessThanOrEqualTo(
        Math.max(0, settings.maxFailoverCount() - terminating));

    Set<Integer> touched = new HashSet<>(deliberatelyTakenDown(plan, observed));
    plan.actions().stream().filter(Action::disruptive).forEach(a -> touched.add(a.ordinal()));
    Set<Long> voters = PlanReading.voters(observed);
    long stillServing = voters.stream().filter(v -> serving(observed, v) && !touched.contains((int) (v - 1))).count();
    assertThat(stillServing).as("voters of %s still serving after the pass's disruptive actions", voters)
        .isGreaterThanOrEqualTo(majority(voters.size()));
    for (Action.DeletePod failover : failovers) {
      assertThat(PlanReading.operationsOut(plan.memory())).as("members an operation has out on purpose")
          .doesNotContain(failover.ordinal());
      assertThat(plan.actions().stream().filter(PlanReading::deliberate).map(Action::ordinal))
          .as("members taken down on purpose in the same pass").doesNotContain(failover.ordinal());
    }
  }

  @Property(tries = TRIES)
  void aVoterIsRemovedOnlyWhenTheOldAndNewVoterSetsKeepAnAnsweringMajority(@ForAll("clusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    List<Action.RemoveMember> removals = plan.actions().stream()
        .filter(Action.RemoveMember.class::isInstance).map(Action.RemoveMember.class::cast).toList();
    assertThat(removals).as("removals this pass").hasSizeLessThanOrEqualTo(1);
    for (Action.RemoveMember removal : removals) {
      assertThat(observed.voters()).as("the leader's voter set").isPresent();
      Set<Long> voters = observed.voters().get();
      long nodeId = removal.member().nodeId();
      if (!voters.contains(nodeId)) {
        continue;
      }
      Set<Long> remaining = new TreeSet<>(voters);
      remaining.remove(nodeId);
      assertThat(remaining).as("voters left after removing node %d", nodeId).isNotEmpty();
      assertThat(remaining.stream().filter(v -> inRaft(observed, v)).count())
          .as("answering voters of %s after removing node %d", remaining, nodeId)
          .isGreaterThanOrEqualTo(majority(remaining.size()));
      assertThat(voters.stream().filter(v -> inRaft(observed, v)).count())
          .as("answering voters of %s before removing node %d", voters, nodeId)
          .isGreaterThanOrEqualTo(majority(voters.size()));
    }
  }

  @Property(tries = EARLY_EXIT_TRIES)
  void whilePausedNothingButStatusChanges(@ForAll("pausedClusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.statefulSetShape()).as("StatefulSet shape").isEmpty();
    assertThat(plan.memory()).as("operation progress").isEqualTo(LifecycleMemory.from(observed.lastStatus()));
  }

  @Property(tries = EARLY_EXIT_TRIES)
  void whileARestoreHoldsTheClusterNoMemberIsTouched(@ForAll("heldClusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    assertThat(plan.actions()).isEmpty();
    if (cluster.settings().deletePvcWhenScaled()) {
      // the live StatefulSet would delete the claims of the members it stops: not before it retains them
      assertThat(plan.statefulSetShape().get().replicas()).isEqualTo(observed.statefulSetReplicas());
    } else {
      assertThat(plan.statefulSetShape()).contains(new StatefulSetShape(0, 0));
    }
  }

  @Property(tries = TRIES)
  void aVolumeIsDeletedOnlyWhenALeaderConfirmsItsMemberLeftAndItsPodIsGone(@ForAll("clusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    for (Action action : plan.actions()) {
      if (action instanceof Action.DeletePvc pvc) {
        long nodeId = pvc.ordinal() + 1L;
        // or the StatefulSet shrank to the lone standalone member, which it does only after every
        // other member left Raft (no leader answers a standalone member)
        if (observed.voters().isPresent() || observed.statefulSetReplicas() != 1) {
          assertThat(observed.voters()).as("a leader's voter set").isPresent();
          assertThat(observed.voters().get()).as("voters").doesNotContain(nodeId);
        }
        assertThat(observed.learners()).as("learners").doesNotContain(nodeId);
        assertThat(livePod(observed, pvc.ordinal())).as("pod of node %d", nodeId).isEmpty();
        assertThat(plan.statefulSetShape().get().replicas()).as("StatefulSet replicas").isLessThanOrEqualTo(pvc.ordinal());
      }
    }
  }

  @Property(tries = TRIES)
  void nodeOneIsNeverDrainedRemovedOrWiped(@ForAll("clusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    assertThat(plan.actions())
        .filteredOn(a -> a instanceof Action.DrainMember || a instanceof Action.RemoveMember
            || a instanceof Action.DeletePvc)
        .extracting(Action::ordinal)
        .doesNotContain(0);
    if (!cluster.settings().held()) {
      plan.statefulSetShape().ifPresent(shape ->
          assertThat(shape.replicas()).as("StatefulSet replicas").isGreaterThanOrEqualTo(1));
    }
  }

  @Property(tries = TRIES)
  void raftMembershipChangesOnlyThroughTheOneKnownLeaderOneAtATime(@ForAll("clusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan plan = lifecycle.plan(observed);

    List<Action> changes = plan.actions().stream()
        .filter(a -> a instanceof Action.AddMember || a instanceof Action.RemoveMember).toList();
    assertThat(changes).as("membership changes this pass").hasSizeLessThanOrEqualTo(1);
    for (Action change : changes) {
      assertThat(observed.leadersReported()).as("members reporting Raft leadership").hasSize(1);
      var through = change instanceof Action.AddMember add ? add.leader() : ((Action.RemoveMember) change).leader();
      assertThat(through).isEqualTo(observed.leaderAddress().get());
    }
  }

  @Property(tries = DOUBLE_TRIES)
  void planningTheSameObservationTwiceGivesTheSamePlan(@ForAll("clusters") ClusterPicture cluster) {
    assertThat(lifecycle.plan(cluster.observe())).isEqualTo(lifecycle.plan(cluster.observe()));
  }

  @Property(tries = DOUBLE_TRIES)
  void replanningWithTheWrittenMemoryRepeatsNoDestructiveAction(@ForAll("clusters") ClusterPicture cluster) {
    ObservedCluster observed = cluster.observe();
    LifecyclePlan first = lifecycle.plan(observed);
    LifecyclePlan second = lifecycle.plan(cluster.observe(first.memory()));

    Set<String> repeated = new TreeSet<>(destructive(first, observed));
    repeated.retainAll(destructive(second, observed));
    assertThat(repeated).as("destructive actions planned again on the same observation").isEmpty();
  }

  /**
   * Destructive actions by what they destroy, so that a repetition is recognised. A stuck pod (not
   * Ready, on an old revision) is the one target a decision deletes again on purpose, once per poll
   * interval, to unstick the StatefulSet controller; with the UID precondition a repeat on a pod that
   * is already going is a no-op, so only deletions of Ready pods and failovers count here. Claims
   * do not count either: one is deleted only while the StatefulSet stays below its ordinal
   * ({@link #aVolumeIsDeletedOnlyWhenALeaderConfirmsItsMemberLeftAndItsPodIsGone}), so no pod can
   * have re-created it, and a repeat deletes nothing new (a retained claim is deleted until it is
   * seen gone).
   */
  private static Set<String> destructive(LifecyclePlan plan, ObservedCluster observed) {
    Set<String> keys = new TreeSet<>();
    for (Action action : plan.actions()) {
      if (action instanceof Action.DrainMember d) {
        keys.add("drain node " + d.member().nodeId());
      } else if (action instanceof Action.RemoveMember r) {
        keys.add("remove node " + r.member().nodeId());
      } else if (action instanceof Action.DeletePod p
          && (PlanReading.failover(p) || observed.pod(p.ordinal()).filter(ObservedPod::ready).isPresent())) {
        keys.add("delete pod " + p.podName() + " uid " + p.podUid() + " (" + p.reason() + ")");
      }
    }
    return keys;
  }
}
