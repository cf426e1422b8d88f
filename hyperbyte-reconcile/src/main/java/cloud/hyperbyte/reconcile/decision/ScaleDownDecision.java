package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.model.v1alpha1.PvcRetention;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Scale-down (product §3.4, contract §2.4): one member at a time, highest ordinal first: drain, wait
 * (bounded: in async replication the server stays {@code Draining} after its 90 s ack wait, which
 * counts as done), remove from Raft through the leader, shrink the StatefulSet, then apply the PVC
 * retention policy. Each removal is a single-voter change, so a target that would lose the majority
 * in one step is reached step by step, and each step waits until the old and the new voter set both
 * keep a majority that answers.
 *
 * <p>If the target rises again mid-way the removal is abandoned; a member already left in
 * {@code Draining} is restarted, because the server never leaves that state by itself.
 */
public final class ScaleDownDecision {

  private ScaleDownDecision() {}

  /** Whether a scale-down is in progress or due. */
  public static boolean due(ObservedCluster observed, LifecycleMemory memory) {
    return memory.scaleDown().isPresent()
        || (observed.statefulSet().isPresent() && observed.statefulSetReplicas() > target(observed));
  }

  private static int target(ObservedCluster observed) {
    return Math.max(1, observed.spec().effectiveReplicas());
  }

  public static Decision decide(ObservedCluster observed, LifecycleMemory memory, Instant now, LifecycleTimings timings) {
    Decision.Builder decision = Decision.builder(memory);
    int target = target(observed);
    int current = observed.statefulSetReplicas();
    Optional<ScaleDownProgress> progress = memory.scaleDown();
    if (progress.isPresent() && progress.get().ordinal() < target) {
      return abandon(observed, progress.get(), decision, now, timings);
    }
    if (progress.isEmpty()) {
      if (current <= target) {
        return decision.build();
      }
      progress = Optional.of(new ScaleDownProgress(target, current - 1, ScaleDownStep.DRAINING, now));
      decision.memory(memory.withScaleDown(progress));
      startDrain(observed, progress.get(), decision, now);
      return decision.replicas(current).requeueAt(now.plus(timings.poll())).build();
    }
    if (progress.get().ordinal() < current - 1) {
      // the StatefulSet grew behind the operator's back: it shrinks from the top only, so finishing this
      // member would take the members above it too, unremoved. Start again from the highest member.
      return decision.memory(memory.withScaleDown(Optional.empty())).replicas(current).requeueAt(now).build();
    }
    ScaleDownProgress step = progress.get().targetReplicas() == target
        ? progress.get()
        : new ScaleDownProgress(target, progress.get().ordinal(), progress.get().step(), progress.get().stepStartedAt());
    // keep the StatefulSet as it is while the member leaves; never grow it: when it is already below
    // the member (a pass whose status write was lost shrank it), growing would bring the removed member back
    decision.replicas(current);
    if (step.step() == ScaleDownStep.DRAINING) {
      Optional<Instant> waitUntil = drainWait(observed, step, now, timings, decision);
      if (waitUntil.isPresent()) {
        decision.memory(memory.withScaleDown(Optional.of(step)));
        return decision.requeueAt(waitUntil.get()).build();
      }
      step = step.at(ScaleDownStep.REMOVING, now);
    }
    if (step.step() == ScaleDownStep.REMOVING) {
      step = remove(observed, step, decision, now, timings);
    }
    if (step.step() == ScaleDownStep.SHRINKING) {
      return shrink(observed, memory, step, decision, now, timings);
    }
    decision.memory(memory.withScaleDown(Optional.of(step)));
    return decision.build();
  }

  private static void startDrain(ObservedCluster observed, ScaleDownProgress progress, Decision.Builder decision,
      Instant now) {
    Optional<MemberFacts> facts = observed.facts(progress.ordinal()).filter(MemberFacts::reachable);
    boolean alreadyDraining = facts.flatMap(MemberFacts::state)
        .map(s -> s == NodeState.DRAINING || s == NodeState.LEAVING).orElse(false);
    if (facts.isPresent() && !alreadyDraining) {
      decision.act(new Action.DrainMember(observed.address(progress.ordinal())));
    }
    decision.notice(Notice.progressing("ScalingDown", "Removing " + observed.names().pod(progress.ordinal())
        + " (node " + (progress.ordinal() + 1) + ") to reach " + progress.targetReplicas() + " replicas: draining"));
  }

  /** When to look again if the drain is not over yet; empty when it is over. */
  private static Optional<Instant> drainWait(ObservedCluster observed, ScaleDownProgress step, Instant now,
      LifecycleTimings timings, Decision.Builder decision) {
    Optional<MemberFacts> facts = observed.facts(step.ordinal()).filter(MemberFacts::reachable);
    if (facts.isEmpty()) {
      return Optional.empty();
    }
    Duration elapsed = Duration.between(step.stepStartedAt(), now);
    Optional<NodeState> state = facts.get().state();
    if (state.filter(s -> s == NodeState.LEAVING).isPresent()) {
      return Optional.empty();
    }
    if (state.filter(s -> s == NodeState.DRAINING).isPresent() && elapsed.compareTo(timings.drainAckTimeout()) >= 0) {
      return Optional.empty();
    }
    if (elapsed.compareTo(timings.drainBound()) >= 0) {
      decision.notice(Notice.degraded("DrainIncomplete", observed.names().pod(step.ordinal()) + " did not reach"
          + " Draining or Leaving within " + timings.drainBound().toSeconds() + "s (state "
          + state.map(NodeState::wireName).orElse("unknown") + "); removing it from Raft anyway"));
      return Optional.empty();
    }
    Instant until = state.filter(s -> s == NodeState.DRAINING).isPresent()
        ? step.stepStartedAt().plus(timings.drainAckTimeout())
        : step.stepStartedAt().plus(timings.drainBound());
    decision.notice(Notice.progressing("ScalingDown", "Draining " + observed.names().pod(step.ordinal()) + " ("
        + elapsed.toSeconds() + "s; the server waits up to " + timings.drainAckTimeout().toSeconds()
        + "s for peer acknowledgements) before removing it to reach " + step.targetReplicas() + " replicas"));
    return Optional.of(until.isBefore(now.plus(timings.poll())) ? until : now.plus(timings.poll()));
  }

  private static ScaleDownProgress remove(ObservedCluster observed, ScaleDownProgress step, Decision.Builder decision,
      Instant now, LifecycleTimings timings) {
    long nodeId = step.ordinal() + 1L;
    Optional<MemberAddress> leader = observed.leaderAddress();
    if (leader.isEmpty()) {
      decision.notice(Notice.degraded("ScaleDownBlocked", "Waiting for a Raft leader to remove node " + nodeId
          + " through; no member reports one")).requeueAt(now.plus(timings.poll()));
      return step;
    }
    Set<Long> voters = observed.voters().orElse(Set.of());
    if (!voters.contains(nodeId) && !observed.learners().contains(nodeId)) {
      return step.at(ScaleDownStep.SHRINKING, now);
    }
    Optional<Notice> blocked = majorityAtRisk(observed, voters, nodeId);
    if (blocked.isPresent()) {
      decision.notice(blocked.get()).requeueAt(now.plus(timings.poll()));
      return step;
    }
    decision.act(new Action.RemoveMember(leader.get(), observed.address(step.ordinal())))
        .notice(Notice.progressing("ScalingDown", "Removing node " + nodeId + " from Raft to reach "
            + step.targetReplicas() + " replicas"))
        .requeueAt(now.plus(timings.poll()));
    return step.at(ScaleDownStep.SHRINKING, now);
  }

  /**
   * A notice when removing voter {@code nodeId} now would leave the old or the new voter set
   * without an answering majority; empty when the removal is safe or the node is no voter.
   */
  private static Optional<Notice> majorityAtRisk(ObservedCluster observed, Set<Long> voters, long nodeId) {
    if (!voters.contains(nodeId)) {
      return Optional.empty();
    }
    Set<Long> remaining = new HashSet<>(voters);
    remaining.remove(nodeId);
    long oldUp = Quorum.raftUpCount(observed, voters);
    long newUp = Quorum.raftUpCount(observed, remaining);
    if (remaining.isEmpty() || oldUp < Quorum.majority(voters.size()) || newUp < Quorum.majority(remaining.size())) {
      return Optional.of(Notice.degraded("ScaleDownBlocked", "Removing node " + nodeId + " now would leave the Raft"
          + " voters without an answering majority (" + newUp + " of " + remaining.size() + " remaining, " + oldUp
          + " of " + voters.size() + " before); waiting for the other members to answer"));
    }
    return Optional.empty();
  }

  private static Decision shrink(ObservedCluster observed, LifecycleMemory memory, ScaleDownProgress step,
      Decision.Builder decision, Instant now, LifecycleTimings timings) {
    long nodeId = step.ordinal() + 1L;
    decision.memory(memory.withScaleDown(Optional.of(step)));
    boolean stillMember = observed.voters().map(v -> v.contains(nodeId)).orElse(true)
        || observed.learners().contains(nodeId);
    if (stillMember) {
      // the removal has not been applied yet (or no leader to confirm it): keep the pod. Repeat the
      // request only once the last one had a poll interval to apply (the server makes one Raft
      // change at a time), and vet it like the first: the majority may have been lost since
      boolean lastRequestSettled = !now.isBefore(step.stepStartedAt().plus(timings.poll()));
      if (lastRequestSettled && decision.build().actions().isEmpty() && observed.leaderAddress().isPresent()) {
        Optional<Notice> blocked = majorityAtRisk(observed, observed.voters().orElse(Set.of()), nodeId);
        if (blocked.isPresent()) {
          decision.notice(blocked.get());
        } else {
          decision.act(new Action.RemoveMember(observed.leaderAddress().get(), observed.address(step.ordinal())))
              .memory(memory.withScaleDown(Optional.of(step.at(ScaleDownStep.SHRINKING, now))));
        }
      }
      return decision.replicas(observed.statefulSetReplicas())
          .requeueAt(now.plus(timings.poll())).build();
    }
    decision.replicas(step.ordinal());
    Optional<ObservedPod> pod = observed.pod(step.ordinal());
    if (pod.isPresent() || observed.statefulSetReplicas() > step.ordinal()) {
      return decision.notice(Notice.progressing("ScalingDown", "Shrinking the StatefulSet to " + step.ordinal()
          + " replicas; waiting for " + observed.names().pod(step.ordinal()) + " to go")).build();
    }
    boolean deletePvc = observed.spec().pvcRetention().map(r -> r.whenScaled() == PvcRetention.DELETE).orElse(false);
    if (deletePvc) {
      observed.pvcs().stream()
          .filter(p -> p.ordinal() == step.ordinal() && !p.terminating())
          .findFirst()
          .ifPresent(p -> decision.act(new Action.DeletePvc(p.name(), p.ordinal())));
    }
    decision.memory(memory.withScaleDown(Optional.empty()));
    if (step.ordinal() > step.targetReplicas()) {
      decision.requeueAt(now);
    }
    return decision.build();
  }

  /**
   * The target rose above the member being removed: the removal is given up. A member already drained
   * restarts to become Active again, but only when that restart keeps the Raft majority (it still
   * votes while drained); until then the removal stays remembered and the restart is retried.
   */
  private static Decision abandon(ObservedCluster observed, ScaleDownProgress progress, Decision.Builder decision,
      Instant now, LifecycleTimings timings) {
    boolean drained = observed.facts(progress.ordinal())
        .flatMap(MemberFacts::state)
        .map(s -> s == NodeState.DRAINING || s == NodeState.LEAVING)
        .orElse(false);
    Optional<ObservedPod> pod = observed.pod(progress.ordinal()).filter(p -> !p.terminating());
    if (drained && pod.isPresent() && !Quorum.survivesRestart(observed, progress.ordinal())) {
      return decision
          .notice(Notice.degraded("ScaleDownAbandoned", pod.get().name() + " stays drained: the target rose to "
              + observed.spec().effectiveReplicas() + " replicas, but restarting it to make it Active again would"
              + " leave fewer than a majority of the Raft voters answering; it restarts once the others are back"))
          .requeueAt(now.plus(timings.poll()))
          .build();
    }
    decision.memory(decision.memory().withScaleDown(Optional.empty()));
    if (drained && pod.isPresent()) {
      decision.act(new Action.DeletePod(pod.get().name(), pod.get().uid(), progress.ordinal(), "ScaleDownAbandoned",
          "the target rose to " + observed.spec().effectiveReplicas() + " replicas while it was drained;"
              + " a restart makes it Active again"));
    }
    return decision.build();
  }
}
