package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One reconcile pass of the cluster lifecycle: orders the decisions, threads the memory through them
 * and vets the result with {@link SafetyRules}. Pure: the same snapshot, memory and instant give the
 * same plan.
 *
 * <p>Order: pause and the restore hold first (they suppress everything else); then scale-down, which
 * excludes the rolling upgrade while it runs (and waits while the upgrade has a member out that is
 * not back); else scale-up; membership, deferred in a pass that removes a member; the rolling
 * upgrade; and failover, which leaves members that an operation took out on purpose alone.
 */
public final class ClusterLifecycle {

  /**
   * How soon to look again after a pass changed database membership or drained a member: the server
   * applies these in well under a second and no Kubernetes event announces it, so waiting a whole
   * poll interval would add to every step.
   */
  static final Duration AFTER_DATABASE_CHANGE = Duration.ofMillis(500);

  private final Clock clock;
  private final LifecycleTimings timings;

  public ClusterLifecycle(Clock clock, LifecycleTimings timings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timings = Objects.requireNonNull(timings, "timings");
  }

  public LifecyclePlan plan(ObservedCluster observed) {
    Instant now = clock.instant();
    LifecycleMemory memory = LifecycleMemory.from(observed.lastStatus());
    if (PauseDecision.paused(observed)) {
      Decision paused = PauseDecision.decide(observed, memory);
      return new LifecyclePlan(List.of(), Optional.empty(), paused.memory(), paused.notices(), Optional.empty());
    }
    if (observed.spec().heldBy().isPresent()) {
      return held(observed, memory);
    }
    List<Decision> decisions = new ArrayList<>();
    Optional<Integer> upgradingOut = upgradeMemberOut(observed, memory);
    boolean scaleDownWaits = upgradingOut.isPresent() && ScaleDownDecision.due(observed, memory);
    if (scaleDownWaits) {
      // one member out at a time: the member being upgraded comes back before a removal starts
      decisions.add(Decision.builder(memory).notice(Notice.progressing("ScaleDownWaiting", "The scale-down to "
          + observed.spec().effectiveReplicas() + " replicas goes on once " + observed.names().pod(upgradingOut.get())
          + ", which is being upgraded, is back")).build());
    }
    Decision sizing = ScaleDownDecision.due(observed, memory) && !scaleDownWaits
        ? ScaleDownDecision.decide(observed, memory, now, timings)
        : ScaleUpDecision.decide(observed, memory);
    decisions.add(sizing);
    memory = sizing.memory();
    int replicas = sizing.statefulSetReplicas().orElse(observed.statefulSetReplicas());

    Set<Integer> deliberatelyOut = new HashSet<>();
    memory.scaleDown().ifPresent(d -> deliberatelyOut.add(d.ordinal()));
    Set<Integer> members = new HashSet<>();
    int target = observed.spec().effectiveReplicas();
    for (int ordinal = 0; ordinal < Math.min(replicas, target); ordinal++) {
      if (!deliberatelyOut.contains(ordinal)) {
        members.add(ordinal);
      }
    }
    // the server runs one Raft membership change at a time: a removal this pass defers any addition
    boolean removing = sizing.actions().stream().anyMatch(Action.RemoveMember.class::isInstance);
    Decision membership = removing ? Decision.none(memory)
        : MembershipDecision.decide(observed, memory, members, now, timings);
    decisions.add(membership);

    Decision upgrade = Decision.none(memory);
    // a sizing step that restarts a member this pass (an abandoned removal restarting a drained
    // member) has the one member out: the upgrade waits for the next pass
    // (deleting a claim takes nobody down: its pod is gone)
    boolean sizingTakesOneDown = sizing.actions().stream()
        .anyMatch(a -> a.disruptive() && !(a instanceof Action.DeletePvc));
    if (memory.scaleDown().isEmpty() && observed.statefulSet().isPresent() && !sizingTakesOneDown) {
      upgrade = RollingUpgradeDecision.decide(observed, memory, now, timings);
      decisions.add(upgrade);
      memory = upgrade.memory();
    }
    memory.upgrade().flatMap(u -> u.ordinal().isPresent() ? Optional.of(u.ordinal().getAsInt()) : Optional.empty())
        .ifPresent(deliberatelyOut::add);

    // a member another decision restarts, drains or removes in this pass is not failed over as well
    decisions.stream().flatMap(d -> d.actions().stream()).filter(Action::disruptive)
        .forEach(a -> deliberatelyOut.add(a.ordinal()));
    Decision failover = FailoverDecision.decide(observed, memory, deliberatelyOut, now);
    decisions.add(failover);
    memory = failover.memory();

    List<Action> actions = new ArrayList<>();
    List<Notice> notices = new ArrayList<>();
    Instant requeueAt = null;
    for (Decision decision : decisions) {
      actions.addAll(decision.actions());
      notices.addAll(decision.notices());
      if (decision.requeueAt().isPresent() && (requeueAt == null || decision.requeueAt().get().isBefore(requeueAt))) {
        requeueAt = decision.requeueAt().get();
      }
    }
    SafetyRules.Vetted vetted = SafetyRules.vet(actions, observed);
    notices.addAll(vetted.denied());
    if (vetted.allowed().stream().anyMatch(Action::changesDatabase)) {
      Instant soon = now.plus(AFTER_DATABASE_CHANGE.compareTo(timings.poll()) < 0 ? AFTER_DATABASE_CHANGE : timings.poll());
      requeueAt = requeueAt == null || soon.isBefore(requeueAt) ? soon : requeueAt;
    }
    // new ordinals start at or above the partition, so members added by a scale-up start on the update
    // revision (below it the StatefulSet controller would create them on the old one, and each would
    // need a restart right after joining); the members already running stay held
    int live = observed.statefulSet().isPresent() ? observed.statefulSetReplicas() : replicas;
    int partition = upgrade.partition().orElse(Math.min(replicas, live));
    return new LifecyclePlan(vetted.allowed(), Optional.of(new StatefulSetShape(replicas, partition)), memory, notices,
        Optional.ofNullable(requeueAt));
  }

  /**
   * The member a rolling upgrade has out and that is not back yet (its pod may be gone mid-restart),
   * if any. The member the scale-down is removing is not waited for: the scale-down has it out itself
   * (an upgrade paused on a member, then a scale-down that drains that member, would otherwise wait
   * for a member only the scale-down can finish with).
   */
  private static Optional<Integer> upgradeMemberOut(ObservedCluster observed, LifecycleMemory memory) {
    Optional<Integer> removing = memory.scaleDown().map(ScaleDownProgress::ordinal);
    return memory.upgrade()
        .filter(u -> u.step().isPresent() && u.ordinal().isPresent())
        .map(u -> u.ordinal().getAsInt())
        .filter(ordinal -> ordinal < observed.statefulSetReplicas() && !removing.equals(Optional.of(ordinal))
            && !RollingUpgradeDecision.back(observed, ordinal));
  }

  /**
   * A restore holds the cluster at zero replicas: no member actions, operations forgotten. The
   * rendered StatefulSet retains claims while held; the replicas go to zero only once the live
   * StatefulSet shows that, since with {@code whenScaled: Delete} the StatefulSet controller would
   * delete the volume of every member the hold stops, the ones the restore is about to restore.
   */
  private LifecyclePlan held(ObservedCluster observed, LifecycleMemory memory) {
    LifecycleMemory cleared = memory.withUpgrade(Optional.empty()).withScaleDown(Optional.empty())
        .withUnhealthySince(Map.of());
    String restore = observed.spec().heldBy().get();
    if (observed.statefulSet().isPresent() && !retainsClaimsWhenScaled(observed.statefulSet().get())) {
      int live = observed.statefulSetReplicas();
      return new LifecyclePlan(List.of(),
          Optional.of(new StatefulSetShape(live, observed.partition().orElse(live))), cleared,
          List.of(Notice.progressing("HeldByRestore", "HyperbytedbRestore " + restore + " holds the cluster;"
              + " the StatefulSet is set to retain member volumes before it scales to zero")),
          Optional.empty());
    }
    return new LifecyclePlan(List.of(), Optional.of(new StatefulSetShape(0, 0)), cleared,
        List.of(Notice.progressing("HeldByRestore", "HyperbytedbRestore " + restore
            + " holds the cluster at zero replicas until the restore completes")),
        Optional.empty());
  }

  /** Whether the StatefulSet controller keeps the claims of the pods a scale-down removes (absent policy: Retain). */
  static boolean retainsClaimsWhenScaled(StatefulSet statefulSet) {
    var policy = statefulSet.getSpec() == null ? null : statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy();
    return policy == null || policy.getWhenScaled() == null || "Retain".equals(policy.getWhenScaled());
  }
}
