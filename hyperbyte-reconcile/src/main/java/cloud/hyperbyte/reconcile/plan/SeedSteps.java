package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.reconcile.seed.SeedAction;
import cloud.hyperbyte.reconcile.seed.SeedPlan;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The seeding of new members as a plan shows it, from each projected pass's {@link SeedPlan}: one
 * {@code seed} step per member, when its claim is marked seeded (the operator's {@code MemberSeeded}
 * event), naming the member the decision took the backup from; a member that cannot be seeded, and
 * new members that start unseeded because seeding is off, flagged. Collects over the passes of one plan.
 */
final class SeedSteps {

  /** The member pod each new member's current attempt backs up, by the new member's ordinal. */
  private final Map<Integer, String> sources = new HashMap<>();
  private final Set<String> flagged = new LinkedHashSet<>();

  /** The steps of {@code pass}'s seeding, in the order its writes run. */
  List<PlanStep> of(ReconcilePass pass) {
    List<PlanStep> steps = new ArrayList<>();
    if (pass.seeding().isEmpty()) {
      return steps;
    }
    ObservedCluster observed = pass.observed();
    SeedPlan seeding = pass.seeding().get();
    for (SeedAction action : seeding.actions()) {
      if (action instanceof SeedAction.CreateSourcePod source) {
        sources.put(source.ordinal(), source.source().podName());
      } else if (action instanceof SeedAction.MarkSeeded seeded) {
        String claim = observed.names().dataPvc(seeded.ordinal());
        steps.add(new PlanStep("seed", Optional.of(observed.names().pod(seeded.ordinal())),
            Optional.of("PersistentVolumeClaim " + claim), "seeded from a fresh backup of "
                + Optional.ofNullable(sources.get(seeded.ordinal())).orElse("a serving member")
                + ": a source pod on that member's node backs it up and serves it once, a target pod on the new"
                + " claim restores it; then the StatefulSet grows over the claim and the member joins through"
                + " add-node, catching up the WAL written since the backup", Optional.of("MemberSeeded")));
      }
    }
    seeding.blocked().ifPresent(why -> flagged.add(why));
    if (seeding.allowedReplicas().isEmpty() && observed.statefulSet().isPresent()
        && observed.statefulSetReplicas() > 0 && observed.spec().effectiveReplicas() > observed.statefulSetReplicas()) {
      List<String> unseeded = new ArrayList<>();
      for (int ordinal = observed.statefulSetReplicas(); ordinal < observed.spec().effectiveReplicas(); ordinal++) {
        unseeded.add(observed.names().pod(ordinal));
      }
      flagged.add(String.join(", ", unseeded) + " start without the history flushed into chDB"
          + " (spec.scaling.seedNewMembers is false): a joining member gets the metadata and the WAL entries its"
          + " source still holds, never flushed points, so queries the client Service sends to it miss that data");
    }
    return steps;
  }

  /** What needs a person's attention: members not added, members started without the flushed history. */
  Set<String> flagged() {
    return flagged;
  }
}
