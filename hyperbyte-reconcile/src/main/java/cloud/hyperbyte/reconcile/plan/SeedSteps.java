package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.reconcile.seed.SeedAction;
import cloud.hyperbyte.reconcile.seed.SeedPlan;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seeding of new members as a plan shows it, from each projected pass's {@link SeedPlan}: one
 * {@code seed} step per member, when its seeding starts (the source pod is created: the operator's
 * {@code MemberSeeding} event), naming the member the decision backs up. The next member's seeding
 * starts as soon as the StatefulSet grows over the previous one's claim, so it comes before that
 * member joins. A member that cannot be seeded, and new members that start unseeded because seeding
 * is off, are flagged. Collects over the passes of one plan.
 */
final class SeedSteps {

  /** New members whose seed step was listed, by ordinal. */
  private final Set<Integer> listed = new HashSet<>();
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
      if (action instanceof SeedAction.CreateSourcePod source && listed.add(source.ordinal())) {
        steps.add(step(observed, source.ordinal(), source.source().podName(), "MemberSeeding"));
      } else if (action instanceof SeedAction.MarkSeeded seeded && listed.add(seeded.ordinal())) {
        // a seeding the listing shows under way: its source member is the seed pod's, not decided here
        steps.add(step(observed, seeded.ordinal(), "a serving member", "MemberSeeded"));
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

  private static PlanStep step(ObservedCluster observed, int ordinal, String source, String event) {
    return new PlanStep("seed", Optional.of(observed.names().pod(ordinal)),
        Optional.of("PersistentVolumeClaim " + observed.names().dataPvc(ordinal)), "seeded from a fresh backup of "
            + source + ": a source pod on that member's node backs it up and serves it once, a target pod on the new"
            + " claim restores it; once the claim holds it the StatefulSet grows over it and the member joins"
            + " through add-node, catching up the WAL written since the backup", Optional.of(event));
  }

  /** What needs a person's attention: members not added, members started without the flushed history. */
  Set<String> flagged() {
    return flagged;
  }
}
