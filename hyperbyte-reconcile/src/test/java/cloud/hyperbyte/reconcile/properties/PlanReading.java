package cloud.hyperbyte.reconcile.properties;

import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.RollingUpgradeDecision;
import cloud.hyperbyte.reconcile.decision.StatefulSetShape;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a plan does to members, read independently of the decisions' own bookkeeping: the
 * properties state the invariants in these terms so that they do not trust the code they check.
 */
final class PlanReading {

  private PlanReading() {}

  static boolean failover(Action action) {
    return action instanceof Action.DeletePod d && "MemberFailover".equals(d.reason());
  }

  /** Actions that take a member out of service on purpose: everything disruptive but failover, plus exclusion. */
  static boolean deliberate(Action action) {
    return action instanceof Action.DrainMember
        || action instanceof Action.RemoveMember
        || action instanceof Action.ExcludeFromProxy
        || (action instanceof Action.DeletePod && !failover(action));
  }

  /**
   * Ordinals the plan takes out of service on purpose: targets of deliberate actions, stale pods the
   * new partition releases to the StatefulSet controller, and pods the new replica count removes.
   */
  static Set<Integer> deliberatelyTakenDown(LifecyclePlan plan, ObservedCluster observed) {
    Set<Integer> down = new TreeSet<>();
    plan.actions().stream().filter(PlanReading::deliberate).forEach(a -> down.add(a.ordinal()));
    if (plan.statefulSetShape().isEmpty()) {
      return down;
    }
    StatefulSetShape shape = plan.statefulSetShape().get();
    int current = observed.statefulSetReplicas();
    if (!observed.onDelete() && observed.updateRevision().isPresent()) {
      // pods at or above the live replicas are no members yet (or no more): the controller creates or deletes them
      int livePartition = observed.partition().orElse(current);
      int released = Math.min(Math.min(livePartition, current), shape.replicas());
      for (int ordinal = shape.partition(); ordinal < released; ordinal++) {
        livePod(observed, ordinal).filter(p -> !p.runs(observed.updateRevision().get()))
            .ifPresent(p -> down.add(p.ordinal()));
      }
    }
    for (int ordinal = shape.replicas(); ordinal < current; ordinal++) {
      livePod(observed, ordinal).ifPresent(p -> down.add(p.ordinal()));
    }
    return down;
  }

  /**
   * Ordinals the plan restarts: pods it deletes other than for failover, and stale pods the new
   * partition releases to the StatefulSet controller.
   */
  static Set<Integer> restarted(LifecyclePlan plan, ObservedCluster observed) {
    Set<Integer> restarted = new TreeSet<>();
    plan.actions().stream().filter(a -> a instanceof Action.DeletePod && !failover(a)).forEach(a -> restarted.add(a.ordinal()));
    if (plan.statefulSetShape().isPresent() && !observed.onDelete() && observed.updateRevision().isPresent()) {
      StatefulSetShape shape = plan.statefulSetShape().get();
      int current = observed.statefulSetReplicas();
      int released = Math.min(Math.min(observed.partition().orElse(current), current), shape.replicas());
      for (int ordinal = shape.partition(); ordinal < released; ordinal++) {
        livePod(observed, ordinal).filter(p -> !p.runs(observed.updateRevision().get()))
            .ifPresent(p -> restarted.add(p.ordinal()));
      }
    }
    return restarted;
  }

  /**
   * Members the operations the plan goes on with (the upgrade, the scale-down) have out on purpose
   * that are still members (below the StatefulSet's replicas, pod there) and not back: Ready, Active
   * and a voter.
   */
  static Set<Integer> stillOut(LifecyclePlan plan, ObservedCluster observed) {
    Set<Integer> out = operationsOut(plan.memory());
    out.removeIf(o -> o >= observed.statefulSetReplicas() || observed.pod(o).isEmpty()
        || RollingUpgradeDecision.back(observed, o));
    return out;
  }

  /** Members the operations in {@code memory} have out: the one being upgraded, the one being removed. */
  static Set<Integer> operationsOut(LifecycleMemory memory) {
    Set<Integer> out = new TreeSet<>();
    memory.upgrade().filter(u -> u.step().isPresent() && u.ordinal().isPresent())
        .ifPresent(u -> out.add(u.ordinal().getAsInt()));
    memory.scaleDown().ifPresent(d -> out.add(d.ordinal()));
    return out;
  }

  static List<Action.DeletePod> failoverDeletes(LifecyclePlan plan) {
    return plan.actions().stream().filter(PlanReading::failover).map(Action.DeletePod.class::cast).toList();
  }

  /** The voter set decisions go by: the leader's, or nodes 1..replicas when no single leader is known. */
  static Set<Long> voters(ObservedCluster observed) {
    return observed.voters().orElseGet(() -> new TreeSet<>(observed.topology().expectedVoters()));
  }

  /** A voter that serves: reachable, Active, passing {@code /health}. */
  static boolean serving(ObservedCluster observed, long nodeId) {
    return observed.facts((int) nodeId - 1).filter(MemberFacts::reachable).filter(f -> f.healthy() && f.active())
        .isPresent();
  }

  /** A voter that takes part in Raft: reachable and reporting a role. */
  static boolean inRaft(ObservedCluster observed, long nodeId) {
    return observed.facts((int) nodeId - 1).filter(MemberFacts::reachable).filter(f -> f.raftRole().isPresent())
        .isPresent();
  }

  static int majority(int voters) {
    return voters / 2 + 1;
  }

  static java.util.Optional<ObservedPod> livePod(ObservedCluster observed, int ordinal) {
    return observed.pod(ordinal).filter(p -> !p.terminating());
  }
}
